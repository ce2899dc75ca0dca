"""A committed change is never an error page because Redis is away (platform_site/celery.py)."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.urls import reverse
from kombu.exceptions import OperationalError

from convenings import services
from convenings.models import Invitation
from convenings.tasks import send_invitation
from platform_site.celery import PlatformTask
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(kwargs)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_invitation, "delay", refuse)
    monkeypatch.setattr(PlatformTask, "_broker_down_until", 0.0)
    return attempts


def test_inviting_while_the_broker_is_down_is_recorded_not_an_error(
    broker_down, staff_user, django_capture_on_commit_callbacks, caplog
):
    convening = factories.ConveningFactory()
    people = [factories.ParticipantFactory() for _ in range(3)]
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        created = services.invite_participants(
            convening=convening, participants=people, by=staff_user
        )
    assert len(created) == 3
    assert Invitation.objects.filter(convening=convening, invitation_sent_at=None).count() == 3
    # One try, not one connection timeout per person.
    assert len(broker_down) == 1
    assert caplog.text.count("broker unavailable: convenings.send_invitation") == 3
    assert mail.outbox == []


def test_the_staff_page_answers_while_the_broker_is_down(
    broker_down, staff_client, django_capture_on_commit_callbacks
):
    convening = factories.ConveningFactory()
    person = factories.ParticipantFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("convenings:staff-invitations", args=[convening.pk]),
            {"participants": [person.pk]},
        )
    assert response.status_code in (200, 302)
    assert Invitation.objects.filter(convening=convening, participant=person).exists()
