"""The directory record, created and changed by staff (with the person's consents)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import User

from ..models import Country, ExpertiseLevel, Organisation, Participant, Visibility
from .consents import CONSENT_AUDIT_FIELDS, apply_consents, set_consents
from .errors import ParticipantError
from .organisations import resolve_organisation
from .rules import (
    PROTECTION_FIELDS,
    check_pseudonym,
    named_in_reports,
    recheck_after_change,
    tell_if_report_naming_changed,
    zone_or_proposal,
)

# What the audit log compares for a participant record (attnames: no extra queries).
RECORD_FIELDS = [
    "full_name",
    "display_name",
    "other_names",
    "email",
    "visibility",
    "preferred_language",
    "time_zone",
    "country_id",
    "organisation_id",
    "sector",
    "position",
    "expertise_level",
    "lived_experience",
    "is_active",
    "joined_on",
    "notes",
]

EDITABLE_FIELDS = {
    "time_zone",
    "full_name",
    "display_name",
    "other_names",
    "email",
    "visibility",
    "preferred_language",
    "country",
    "organisation",
    "sector",
    "position",
    "expertise_level",
    "lived_experience",
    "is_active",
    "joined_on",
    "notes",
}


@transaction.atomic
def create_participant(
    *,
    by: User | None,
    full_name: str,
    email: str,
    country: Country,
    sector: str,
    display_name: str = "",
    other_names: str = "",
    organisation: Organisation | str | None = None,
    position: str = "",
    expertise_level: str = ExpertiseLevel.EXPERIENCED,
    lived_experience: bool = False,
    visibility: str = Visibility.NAMED,
    preferred_language: str = "en",
    time_zone: str = "",
    is_active: bool = True,
    joined_on: dt.date | None = None,
    notes: str = "",
    consents: Mapping[str, bool] | None = None,
) -> Participant:
    """A new directory record; consents given now are dated now.

    `organisation` may be the name of one to find or create in the participant's country.
    """
    email = email.strip().lower()
    if Participant.objects.filter(email__iexact=email).exists():
        raise ParticipantError(_("A participant with this e-mail address already exists."))
    organisation = resolve_organisation(organisation, sector=sector, country=country, by=by)
    participant = Participant(
        full_name=full_name.strip(),
        display_name=(display_name or full_name).strip(),
        other_names=other_names.strip(),
        email=email,
        country=country,
        sector=sector,
        organisation=organisation,
        position=position,
        expertise_level=expertise_level,
        lived_experience=lived_experience,
        visibility=visibility,
        preferred_language=preferred_language,
        time_zone=zone_or_proposal(time_zone, country),
        is_active=is_active,
        joined_on=joined_on or timezone.localdate(),
        notes=notes,
    )
    check_pseudonym(participant)
    apply_consents(participant, consents or {}, now=timezone.now())
    participant.save()
    after = audit.snapshot(participant, RECORD_FIELDS + CONSENT_AUDIT_FIELDS)
    audit.record(
        actor=by,
        action="participant.created",
        obj=participant,
        changes=audit.diff({}, {k: v for k, v in after.items() if v not in (None, "", False)}),
    )
    return participant


def _checked_changes(
    participant: Participant, changes: dict[str, Any], *, by: User | None
) -> dict[str, Any]:
    """The staff's changes, refused when not allowed, with the zone proposed, the address
    normalised and an organisation given by name found or created."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "time_zone" in changes:
        changes["time_zone"] = zone_or_proposal(
            changes["time_zone"], changes.get("country", participant.country)
        )
    if "email" in changes:
        changes["email"] = changes["email"].strip().lower()
        if (
            Participant.objects.filter(email__iexact=changes["email"])
            .exclude(pk=participant.pk)
            .exists()
        ):
            raise ParticipantError(_("A participant with this e-mail address already exists."))
    if isinstance(changes.get("organisation"), str):
        changes["organisation"] = resolve_organisation(
            changes["organisation"],
            sector=changes.get("sector", participant.sector),
            country=changes.get("country", participant.country),
            by=by,
        )
    return changes


@transaction.atomic
def update_participant(
    *,
    participant: Participant,
    by: User | None,
    consents: Mapping[str, bool] | None = None,
    **changes: Any,
) -> dict[str, list[Any]]:
    """Change directory fields (staff), and consents if given; returns the record's diff.

    One transaction for the record and the consents (the staff edit form saves both): a
    consent that cannot be saved leaves the record as it was too.
    `organisation` may be the name of one to find or create in the participant's country.
    """
    changes = _checked_changes(participant, changes, by=by)
    before = audit.snapshot(participant, RECORD_FIELDS)
    named_before = named_in_reports(participant)
    for name, value in changes.items():
        setattr(participant, name, value)
    if not participant.display_name.strip():
        participant.display_name = participant.full_name
    check_pseudonym(participant)
    changed = audit.diff(before, audit.snapshot(participant, RECORD_FIELDS))
    if changed:
        participant.save()
        audit.record(actor=by, action="participant.updated", obj=participant, changes=changed)
        if PROTECTION_FIELDS & changed.keys():
            recheck_after_change(participant, by=by)
        tell_if_report_naming_changed(participant, named_before=named_before, by=by)
    if consents:
        set_consents(participant=participant, by=by, consents=consents)
    return changed
