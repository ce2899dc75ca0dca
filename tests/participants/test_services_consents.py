"""Consents given or withdrawn: only those that change get a new date; audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import AuditEntry
from participants import services
from participants.models import Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action))


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
