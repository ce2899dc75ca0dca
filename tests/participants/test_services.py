"""Writes about participants: records, consents with dates, accounts, profile; all audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import AuditEntry, User
from participants import services
from participants.models import Participant
from tests.factories import CountryFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action))


def test_create_participant_dates_consents_given_and_audits(staff_user):
    country = CountryFactory(code="MY")
    participant = services.create_participant(
        by=staff_user,
        full_name="Aisyah Example",
        email=" Aisyah@Example.org ",
        country=country,
        sector="government",
        consents={"consent_contact": True, "consent_quoted": False},
    )
    assert participant.email == "aisyah@example.org"
    assert participant.display_name == "Aisyah Example"
    assert participant.consent_contact is True
    assert participant.consent_contact_at is not None
    assert participant.consent_quoted_at is None  # never given, never withdrawn
    [entry] = entries("participant.created")
    assert entry.actor == staff_user
    assert entry.object_id == str(participant.pk)
    assert entry.changes["email"] == [None, "aisyah@example.org"]


def test_create_participant_refuses_duplicate_email(staff_user):
    ParticipantFactory(email="same@example.org")
    with pytest.raises(services.ParticipantError):
        services.create_participant(
            by=staff_user,
            full_name="Someone",
            email="SAME@example.org",
            country=CountryFactory(),
            sector="academia",
        )


def test_pseudonymous_needs_a_pseudonym(staff_user):
    participant = ParticipantFactory(full_name="Real Name")
    with pytest.raises(services.ParticipantError):
        services.update_participant(
            participant=participant, by=staff_user, visibility="pseudonymous", display_name=""
        )
    assert Participant.objects.get(pk=participant.pk).visibility == "named"


def test_set_consents_dates_only_what_changes(staff_user):
    participant = ParticipantFactory()
    earlier = timezone.now() - dt.timedelta(days=30)
    Participant.objects.filter(pk=participant.pk).update(
        consent_contact=True, consent_contact_at=earlier
    )
    participant.refresh_from_db()

    changed = services.set_consents(
        participant=participant,
        by=staff_user,
        consents={"consent_contact": True, "consent_quoted": True},
    )

    participant.refresh_from_db()
    assert participant.consent_contact_at == earlier  # unchanged consent keeps its date
    assert participant.consent_quoted is True
    assert participant.consent_quoted_at > earlier
    assert set(changed) == {"consent_quoted", "consent_quoted_at"}
    [entry] = entries("participant.consents_changed")
    assert entry.changes["consent_quoted"] == [False, True]


def test_withdrawing_a_consent_records_the_date(staff_user):
    participant = ParticipantFactory()
    services.set_consents(
        participant=participant, by=staff_user, consents={"consent_photographed": True}
    )
    given = Participant.objects.get(pk=participant.pk).consent_photographed_at
    services.set_consents(
        participant=participant, by=staff_user, consents={"consent_photographed": False}
    )
    participant.refresh_from_db()
    assert participant.consent_photographed is False
    assert participant.consent_photographed_at >= given
    assert len(entries("participant.consents_changed")) == 2


def test_no_change_writes_no_audit_entry(staff_user):
    participant = ParticipantFactory(position="Lecturer")
    assert (
        services.update_participant(participant=participant, by=staff_user, position="Lecturer")
        == {}
    )
    assert services.set_consents(participant=participant, by=staff_user, consents={}) == {}
    assert AuditEntry.objects.count() == 0


def test_update_participant_audits_the_diff(staff_user):
    participant = ParticipantFactory(position="Lecturer")
    services.update_participant(participant=participant, by=staff_user, position="Professor")
    [entry] = entries("participant.updated")
    assert entry.changes == {"position": ["Lecturer", "Professor"]}


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
