"""Consents given or withdrawn, each with the date it last changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.models import User

from ..models import Participant
from .rules import named_in_reports, recheck_after_change, tell_if_report_naming_changed

CONSENT_AUDIT_FIELDS = [
    name for field in Participant.CONSENT_FIELDS for name in (field, f"{field}_at")
]


def apply_consents(
    participant: Participant, consents: Mapping[str, bool], *, now: dt.datetime
) -> list[str]:
    """Set each consent that changed and stamp its date; returns the fields touched."""
    touched = []
    for field, value in consents.items():
        if field not in Participant.CONSENT_FIELDS:
            raise ValueError(f"unknown consent {field!r}")
        if bool(getattr(participant, field)) == bool(value):
            continue
        setattr(participant, field, bool(value))
        setattr(participant, f"{field}_at", now)
        touched += [field, f"{field}_at"]
    return touched


@transaction.atomic
def set_consents(
    *, participant: Participant, by: User | None, consents: Mapping[str, bool]
) -> dict[str, list[Any]]:
    """Record consents given or withdrawn; only those that change get a new date."""
    before = audit.snapshot(participant, CONSENT_AUDIT_FIELDS)
    named_before = named_in_reports(Participant.objects.get(pk=participant.pk))
    touched = apply_consents(participant, consents, now=timezone.now())
    if not touched:
        return {}
    participant.save(update_fields=[*touched, "updated_at"])
    changed = audit.diff(before, audit.snapshot(participant, CONSENT_AUDIT_FIELDS))
    audit.record(actor=by, action="participant.consents_changed", obj=participant, changes=changed)
    recheck_after_change(participant, by=by)
    tell_if_report_naming_changed(participant, named_before=named_before, by=by)
    return changed
