"""Factories for the engagement app's models."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from engagement.models import ActionStatus, FollowUpAction, MeetingNote
from tests.factories import ConveningFactory, ParticipantFactory


def past_convening(**kwargs):
    """A convening that ended `days_ago` days ago (default 3)."""
    days_ago = kwargs.pop("days_ago", 3)
    end = timezone.localdate() - dt.timedelta(days=days_ago)
    return ConveningFactory(start_date=end - dt.timedelta(days=1), end_date=end, **kwargs)


class MeetingNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingNote

    convening = factory.SubFactory(ConveningFactory)
    key_points_en = "Community placement worked better than detention for families."
    next_steps_en = "Share the case management guide among member countries."


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    convening = factory.SubFactory(ConveningFactory)
    title = factory.Sequence(lambda n: f"Share the screening checklist {n}")
    owner = factory.SubFactory(ParticipantFactory)
    owned_by_secretariat = False
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    status = ActionStatus.OPEN
