"""A new convening is made once per form, and staff are told when it looks like one that exists.

- `likely_duplicates(fields=...)`: convenings whose title, in any language, is the same as
  one of the new one's titles once normalised (case, spaces, punctuation:
  `platform_site.once.normalised`), or that have the same dates in the same city (or both
  online on the same dates). Cancelled convenings count too: re-creating a cancelled one
  is what reinstating is for.
- `create_convening_once(...)`: `services.create_convening` once per form key; a repeated
  or concurrent POST of the same form answers with the first convening.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from platform_site.once import Duplicate, create_once, normalised

from . import services
from .models import Convening, ConveningFormat

TITLE_FIELDS = services._translated("title")


def earlier_from_form(*, create_key: uuid.UUID) -> Convening | None:
    """The convening an earlier POST of the same form made, if any."""
    return Convening.objects.filter(create_key=create_key).first()


def likely_duplicates(*, fields: dict[str, Any]) -> list[Duplicate]:
    titles = {normalised(fields.get(name)) for name in TITLE_FIELDS} - {""}
    city = normalised(fields.get("city"))
    online = fields.get("format") == ConveningFormat.ONLINE
    dates = (fields.get("start_date"), fields.get("end_date"))
    found = []
    rows = Convening.objects.only(*TITLE_FIELDS, "city", "format", "start_date", "end_date")
    for convening in rows.order_by("-start_date", "-pk"):
        same_title = titles & {normalised(getattr(convening, name)) for name in TITLE_FIELDS}
        same_place = (online and convening.format == ConveningFormat.ONLINE) or (
            bool(city) and normalised(convening.city) == city
        )
        same_dates = (convening.start_date, convening.end_date) == dates
        if not (same_title or (same_place and same_dates)):
            continue
        if not same_title:
            reason = _("Same dates and place.")
        elif same_dates and same_place:
            reason = _("Same title, dates and place.")
        else:
            reason = _("Same title.")
        found.append(
            Duplicate(
                label=_("%(title)s, %(date)s")
                % {"title": convening.title, "date": date_format(convening.start_date)},
                url=reverse("convenings:staff-detail", args=[convening.pk]),
                reason=reason,
            )
        )
    return found


@transaction.atomic
def create_convening_once(
    *, fields: dict[str, Any], by, create_key: uuid.UUID
) -> tuple[Convening, bool]:
    """The new convening, or the one this form's key already made (then True)."""
    return create_once(
        Convening,
        key=create_key,
        create=lambda: services.create_convening(fields=fields, by=by, create_key=create_key),
    )
