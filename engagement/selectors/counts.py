"""One way to count related rows per object in a single query: a correlated subquery."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_of(model: type[models.Model], field: str, *, outer: str = "pk", **filters) -> Coalesce:
    """An annotation: how many `model` rows have `field` equal to the outer row's `outer`
    (and match `filters`); 0 when none. One subquery, whatever the number of rows."""
    return Coalesce(
        Subquery(
            model.objects.filter(**{field: OuterRef(outer)}, **filters)
            .order_by()
            .values(field)
            .annotate(c=Count("pk"))
            .values("c")
        ),
        0,
    )
