"""The periodic harvest invitation: every active participant once per period, in their
language, automatically (no confirmation step), unique per person and period in the DB."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from outcomes import harvest_mail
from outcomes.models import HarvestMessage, HarvestMessageKind
from tests import factories as core

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return [
        core.ParticipantFactory(preferred_language="th"),
        core.ParticipantFactory(preferred_language="id"),
        core.ParticipantFactory(is_active=False),
    ]


def _run(capture, day):
    with capture(execute=True):
        return harvest_mail.invite_to_harvest(today=day)


def test_every_active_participant_is_invited_once_per_period(
    people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.HARVEST_INVITATION_MONTHS = 6
    first = _run(django_capture_on_commit_callbacks, dt.date(2026, 7, 3))
    assert first == {"invited": 2, "requeued": 0}
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people[:2])
    # Later in the same period: nobody again.
    again = _run(django_capture_on_commit_callbacks, dt.date(2026, 12, 31))
    assert again == {"invited": 0, "requeued": 0}
    assert len(mailoutbox) == 2
    # The next period: everyone active once more.
    assert _run(django_capture_on_commit_callbacks, dt.date(2027, 1, 1))["invited"] == 2
    assert len(mailoutbox) == 4
    periods = sorted({m.period for m in HarvestMessage.objects.all()})
    assert periods == [dt.date(2026, 7, 1), dt.date(2027, 1, 1)]


def test_the_invitation_is_in_the_persons_language_with_the_forms_link(
    people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    _run(django_capture_on_commit_callbacks, dt.date(2026, 7, 3))
    thai = next(m for m in mailoutbox if m.to == [people[0].email])
    indonesian = next(m for m in mailoutbox if m.to == [people[1].email])
    assert thai.extra_headers["Content-Language"] == "th"
    assert "เด็กย้ายถิ่น" in thai.subject
    assert "anak-anak migran" in indonesian.subject
    assert settings.SITE_URL + reverse("outcomes:portal-harvest-new") in thai.body


def test_the_database_refuses_a_second_invitation_for_one_person_and_period(people):
    person = people[0]
    HarvestMessage.objects.create(
        key="a",
        kind=HarvestMessageKind.INVITATION,
        participant=person,
        period=dt.date(2026, 7, 1),
        language="th",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        HarvestMessage.objects.create(
            key="b",
            kind=HarvestMessageKind.INVITATION,
            participant=person,
            period=dt.date(2026, 7, 1),
            language="th",
        )


def test_zero_months_turns_invitations_off(
    people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.HARVEST_INVITATION_MONTHS = 0
    assert _run(django_capture_on_commit_callbacks, dt.date(2026, 7, 3))["invited"] == 0
    assert mailoutbox == []


def test_a_failed_send_is_tried_again_by_the_next_run(
    people, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail import EmailMultiAlternatives

    real = EmailMultiAlternatives.send

    def broken(self, *args, **kwargs):
        raise ConnectionError("mail server away")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        harvest_mail.invite_to_harvest(today=dt.date(2026, 7, 3))
    for message in HarvestMessage.objects.all():
        with pytest.raises(ConnectionError):
            harvest_mail.send_harvest_message(message_id=message.pk)
    assert len(callbacks) == 2
    monkeypatch.setattr(EmailMultiAlternatives, "send", real)
    result = _run(django_capture_on_commit_callbacks, dt.date(2026, 7, 4))
    assert result == {"invited": 0, "requeued": 2}
    assert len(mailoutbox) == 2
    assert set(HarvestMessage.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.parametrize(
    ("day", "months", "start"),
    [
        (dt.date(2026, 6, 30), 6, dt.date(2026, 1, 1)),
        (dt.date(2026, 7, 1), 6, dt.date(2026, 7, 1)),
        (dt.date(2026, 11, 5), 3, dt.date(2026, 10, 1)),
        (dt.date(2026, 11, 5), 12, dt.date(2026, 1, 1)),
        (dt.date(2026, 11, 5), 1, dt.date(2026, 11, 1)),
    ],
)
def test_periods(day, months, start):
    assert harvest_mail.period_start(day, months) == start
