"""An account for a participant: linked, invited once, never over someone else's address."""

from __future__ import annotations

import pytest

from accounts.models import AuditEntry, User
from participants import services
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action))


def test_create_account_for_links_and_invites(
    staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    participant = ParticipantFactory(
        email="new.person@example.org", full_name="New Person", preferred_language="id"
    )
    with django_capture_on_commit_callbacks(execute=True):
        user = services.create_account_for(participant=participant, by=staff_user)
    participant.refresh_from_db()
    assert participant.user == user
    assert user.email == "new.person@example.org"
    assert user.name == "New Person"
    assert user.language == "id"
    assert User.objects.get(pk=user.pk).invitation_sent_at is not None
    assert [m.to for m in mailoutbox] == [["new.person@example.org"]]
    assert entries("participant.account_created")[0].actor == staff_user


def test_create_account_for_refuses_twice(staff_user, participant):
    with pytest.raises(services.ParticipantError):
        services.create_account_for(participant=participant, by=staff_user)


def test_create_account_for_refuses_an_address_already_used(staff_user):
    UserFactory(email="taken@example.org")
    participant = ParticipantFactory(email="taken@example.org")
    with pytest.raises(services.ParticipantError):
        services.create_account_for(participant=participant, by=staff_user)
    participant.refresh_from_db()
    assert participant.user_id is None
