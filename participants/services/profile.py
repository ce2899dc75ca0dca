"""The participant's own changes from "My profile"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts import services as account_services
from accounts.models import User
from common.zones import is_known_zone

from ..models import Participant, Visibility
from .consents import CONSENT_AUDIT_FIELDS, apply_consents
from .errors import ParticipantError
from .rules import (
    PROTECTION_FIELDS,
    check_pseudonym,
    named_in_reports,
    recheck_after_change,
    tell_if_report_naming_changed,
)


@transaction.atomic
def update_profile(
    *,
    participant: Participant,
    by: User,
    preferred_language: str,
    display_name: str,
    visibility: str,
    consents: Mapping[str, bool],
    time_zone: str | None = None,
) -> dict[str, list[Any]]:
    """The participant's own changes from "My profile"; the language follows their account.

    `time_zone` None leaves the stored zone as it is."""
    if preferred_language not in dict(settings.LANGUAGES):
        raise ParticipantError(_("Choose one of the languages offered."))
    if visibility not in Visibility.values:
        raise ParticipantError(_("Choose one of the visibility options."))
    if time_zone is not None and not is_known_zone(time_zone):
        raise ParticipantError(_("Choose a time zone from the list."))
    fields = ["preferred_language", "display_name", "visibility", "time_zone"]
    before = audit.snapshot(participant, fields + CONSENT_AUDIT_FIELDS)
    named_before = named_in_reports(participant)
    if time_zone is not None:
        participant.time_zone = time_zone
    participant.display_name = display_name.strip() or participant.full_name
    participant.visibility = visibility
    participant.preferred_language = preferred_language
    check_pseudonym(participant)
    touched = apply_consents(participant, consents, now=timezone.now())
    changed = audit.diff(before, audit.snapshot(participant, fields + CONSENT_AUDIT_FIELDS))
    if not changed:
        return {}
    participant.save(update_fields=[*fields, *touched, "updated_at"])
    if participant.user_id is not None and "preferred_language" in changed:
        account_services.set_language(user=participant.user, language=preferred_language)
    audit.record(actor=by, action="participant.profile_updated", obj=participant, changes=changed)
    if PROTECTION_FIELDS & changed.keys() or set(CONSENT_AUDIT_FIELDS) & changed.keys():
        recheck_after_change(participant, by=by)
    tell_if_report_naming_changed(participant, named_before=named_before, by=by)
    return changed
