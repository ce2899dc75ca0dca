"""A new convening is made once per form, and staff are told when it looks like one that exists.

- `likely_duplicates(fields=...)`: convenings whose title, in any language, is the same as
  one of the new one's titles once normalised (case, spaces, punctuation:
  `common.once.normalised`), or that have the same dates in the same city (or both
  online on the same dates). Cancelled convenings count too: re-creating a cancelled one
  is what reinstating is for.
- `likely_duplicate_invitees(...)`: people ticked to invite who look like someone already
  invited, or like another person ticked: the same name (normalised) and the same
  organisation, or the same country when one of them has no organisation (the directory
  may hold one person twice, e.g. under two e-mail addresses). People already invited
  themselves are skipped by `services.invite_participants` and counted by `already_invited`.
- `create_convening_once(...)`: `services.create_convening` once per form key; a repeated
  or concurrent POST of the same form answers with the first convening.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from common.listing import translated_fields
from common.once import (
    Duplicate,
    create_once,
    dated_duplicates,
    normalised,
    normalised_texts,
)
from participants.models import Participant

from . import services
from .models import Convening, ConveningFormat, Invitation

TITLE_FIELDS = translated_fields("title")


def earlier_from_form(*, create_key: uuid.UUID) -> Convening | None:
    """The convening an earlier POST of the same form made, if any."""
    return Convening.objects.filter(create_key=create_key).first()


def likely_duplicates(*, fields: dict[str, Any]) -> list[Duplicate]:
    titles = normalised_texts(fields.get(name) for name in TITLE_FIELDS)
    city = normalised(fields.get("city"))
    online = fields.get("format") == ConveningFormat.ONLINE
    dates = (fields.get("start_date"), fields.get("end_date"))

    def reason(convening: Convening) -> str | None:
        same_title = titles & normalised_texts(getattr(convening, name) for name in TITLE_FIELDS)
        same_place = (online and convening.format == ConveningFormat.ONLINE) or (
            bool(city) and normalised(convening.city) == city
        )
        same_dates = (convening.start_date, convening.end_date) == dates
        if same_title:
            return (
                _("Same title, dates and place.") if same_dates and same_place else _("Same title.")
            )
        return _("Same dates and place.") if same_place and same_dates else None

    rows = Convening.objects.only(*TITLE_FIELDS, "city", "format", "start_date", "end_date")
    return dated_duplicates(
        rows.order_by("-start_date", "-pk"),
        reason=reason,
        day="start_date",
        url_name="convenings:staff-detail",
    )


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


def _same_person(a: Participant, b: Participant) -> bool:
    """Two directory records that look like one person (their names already match)."""
    if a.organisation_id and b.organisation_id:
        return a.organisation_id == b.organisation_id
    return a.country_id == b.country_id


def _described(person: Participant) -> str:
    if person.organisation_id:
        return f"{person.full_name} ({person.organisation.name})"
    return person.full_name


def already_invited(*, convening: Convening, participants: list[Participant]) -> int:
    """How many of these people this convening has already invited."""
    return Invitation.objects.filter(
        convening=convening, participant__in=[p.pk for p in participants]
    ).count()


def likely_duplicate_invitees(
    *, convening: Convening, participants: list[Participant]
) -> list[Duplicate]:
    ticked_ids = {p.pk for p in participants}
    by_name: dict[str, list[tuple[Participant, bool]]] = {}
    invited = (
        Invitation.objects.filter(convening=convening)
        .exclude(participant_id__in=ticked_ids)
        .select_related("participant", "participant__organisation")
    )
    for invitation in invited:
        person = invitation.participant
        by_name.setdefault(normalised(person.full_name), []).append((person, True))
    found = []
    for person in participants:
        name = normalised(person.full_name)
        twin = next(((p, inv) for p, inv in by_name.get(name, []) if _same_person(p, person)), None)
        if twin is not None:
            other, is_invited = twin
            found.append(
                Duplicate(
                    label=_("%(name)s looks like %(other)s")
                    % {"name": _described(person), "other": _described(other)},
                    url=reverse("participants:staff-detail", args=[other.pk]),
                    reason=_("Already invited.") if is_invited else _("Also ticked."),
                )
            )
        by_name.setdefault(name, []).append((person, False))
    return found
