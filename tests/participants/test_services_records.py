"""The directory record: created and changed by staff, with its consents in the same
transaction; every change audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from participants import services
from participants.models import Participant
from participants.services import consents as consents_module
from tests.factories import CountryFactory, ParticipantFactory

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


@pytest.mark.parametrize("failure", [services.ParticipantError("refused"), RuntimeError("down")])
def test_an_edit_whose_consent_step_fails_leaves_the_record_as_it_was(
    staff_client, staff_user, monkeypatch, failure
):
    # The record and the consents are one action: a failure saving the consents (the
    # second step) must not leave the record's change saved on its own.
    dewi = ParticipantFactory(full_name="Dewi Example", position="Researcher")
    edit_url = reverse("participants:staff-edit", args=[dewi.pk])
    form = staff_client.get(edit_url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data.update({"position": "Lecturer", "consent_quoted": "on"})

    def failing(participant, *, by):
        raise failure

    monkeypatch.setattr(consents_module, "recheck_after_change", failing)
    if isinstance(failure, services.ParticipantError):
        response = staff_client.post(edit_url, data)
        assert response.status_code == 200
        assert "refused" in response.content.decode()
    else:
        with pytest.raises(RuntimeError):
            staff_client.post(edit_url, data)

    dewi.refresh_from_db()
    assert dewi.position == "Researcher"
    assert dewi.consent_quoted is False
    assert dewi.consent_quoted_at is None
    assert not AuditEntry.objects.filter(
        object_id=str(dewi.pk), action__in=["participant.updated", "participant.consents_changed"]
    ).exists()
