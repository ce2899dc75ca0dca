"""Staff reads across convenings: the between-meetings counts, overdue actions and the
oldest follow-up still waiting to go out (for operations' health check)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Min
from django.utils import timezone

from convenings.models import Convening

from ..models import (
    OPEN_ACTION_STATUSES,
    FeedbackResponse,
    FollowUpAction,
    FollowUpMessage,
    MeetingNote,
    MessageStatus,
    NotesStatus,
)
from .counts import count_of


def convenings_overview(*, today: dt.date | None = None) -> models.QuerySet[Convening]:
    """Every convening with its between-meetings counts, in one query."""
    today = today or timezone.localdate()
    return (
        Convening.objects.select_related("host_country")
        .annotate(
            notes_total=count_of(MeetingNote, "convening"),
            notes_published=count_of(MeetingNote, "convening", status=NotesStatus.PUBLISHED),
            actions_open=count_of(FollowUpAction, "convening", status__in=OPEN_ACTION_STATUSES),
            actions_overdue=count_of(
                FollowUpAction,
                "convening",
                status__in=OPEN_ACTION_STATUSES,
                due_date__lt=today,
            ),
            messages_sent=count_of(FollowUpMessage, "convening", status=MessageStatus.SENT),
            feedback_count=count_of(FeedbackResponse, "convening"),
        )
        .order_by("-start_date")
    )


def overdue_actions(*, today: dt.date | None = None) -> models.QuerySet[FollowUpAction]:
    today = today or timezone.localdate()
    return (
        FollowUpAction.objects.filter(status__in=OPEN_ACTION_STATUSES, due_date__lt=today)
        .select_related("convening", "owner", "country")
        .order_by("due_date", "pk")
    )


def oldest_unsent_followup_at() -> dt.datetime | None:
    """When the longest-waiting follow-up message was created (queued or sending), or None.
    Messages are created when they fall due, so this is how long one has waited to go out.
    Operations' health check warns when it waited too long."""
    return FollowUpMessage.objects.filter(
        status__in=(MessageStatus.PENDING, MessageStatus.SENDING)
    ).aggregate(oldest=Min("created_at"))["oldest"]
