"""Search, filters and sortable columns of the staff list of briefings (django-filter).

The search box matches every word in the briefing's title or summary (any language) or
the title of its convening; the filters narrow to drafts or published briefings.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from common.listing import (
    Column,
    SearchFilterSet,
    search_box,
    translated_fields,
    translated_order,
)

from .models import BriefingStatus

SEARCH_FIELDS = (
    *translated_fields("title"),
    *translated_fields("summary"),
    *translated_fields("convening__title"),
)


class BriefingFilter(SearchFilterSet):
    search_fields = SEARCH_FIELDS
    q = search_box(_("Title, summary or convening"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=BriefingStatus.choices, empty_label=_("Any status")
    )


def briefing_columns() -> list[Column]:
    """Built per request: titles sort in the reader's language."""
    return [
        Column("title", _("Title"), (translated_order("title"),)),
        Column("for", _("For"), (translated_order("convening__title"),)),
        Column("status", _("Status"), ("status",)),
        Column("updated", _("Last changed"), ("updated_at",)),
    ]
