"""The engagement demo data: built on existing past convenings, deterministic, idempotent."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from engagement import checker, demo
from engagement.models import (
    FeedbackReceipt,
    FeedbackResponse,
    FollowUpAction,
    FollowUpMessage,
    MeetingNote,
)
from tests.engagement.factories import past_convening
from tests.factories import AgendaSessionFactory, InvitationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def _convening(days_ago):
    convening = past_convening(days_ago=days_ago)
    AgendaSessionFactory(convening=convening)
    for _ in range(4):
        InvitationFactory(convening=convening, participant=ParticipantFactory(), status="attended")
    return convening


def _counts():
    return [
        m.objects.count()
        for m in (MeetingNote, FollowUpAction, FeedbackResponse, FeedbackReceipt, FollowUpMessage)
    ]


def test_seed_builds_on_past_convenings_and_a_second_run_adds_nothing(staff_user):
    old = _convening(days_ago=400)
    recent = _convening(days_ago=3)
    demo.seed(stdout=io.StringIO())
    first = _counts()
    demo.seed(stdout=io.StringIO())
    assert _counts() == first

    note = MeetingNote.objects.get(convening=old)
    assert note.is_published
    assert note.languages_written() == ["en", "id", "ms", "th"]
    assert checker.check_notes(note) == []
    assert FollowUpAction.objects.filter(convening=old, status="done").exists()
    assert FeedbackResponse.objects.filter(convening=old).count() == 2
    assert FollowUpMessage.objects.filter(convening=old).count() == 4
    # The recent convening is left for staff to write notes and for follow-ups to send.
    assert not MeetingNote.objects.filter(convening=recent).exists()
    assert not FollowUpMessage.objects.filter(convening=recent).exists()
    assert FollowUpAction.objects.filter(
        convening=recent, due_date__gt=timezone.localdate() - dt.timedelta(days=1)
    ).exists()
