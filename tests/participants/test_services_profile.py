""" "My profile": the participant's own changes, the language following their account."""

from __future__ import annotations

import pytest

from accounts.models import AuditEntry
from participants import services

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action))


def test_update_profile_changes_language_on_the_account(participant):
    user = participant.user
    services.update_profile(
        participant=participant,
        by=user,
        preferred_language="th",
        display_name="Ploy",
        visibility="pseudonymous",
        consents={"consent_contact": True},
    )
    participant.refresh_from_db()
    user.refresh_from_db()
    assert user.language == "th"
    assert participant.preferred_language == "th"
    assert participant.display_name == "Ploy"
    assert participant.visibility == "pseudonymous"
    assert participant.consent_contact_at is not None
    [entry] = entries("participant.profile_updated")
    assert entry.actor == user
    assert entry.changes["visibility"] == ["named", "pseudonymous"]
