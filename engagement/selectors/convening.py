"""Staff reads for one convening: its notes, follow-up actions and follow-up messages."""

from __future__ import annotations

from django.db import models
from django.db.models import Count

from convenings.models import Convening

from ..models import FollowUpAction, FollowUpMessage, MeetingNote


def notes_for_convening(*, convening: Convening) -> list[MeetingNote]:
    return list(
        MeetingNote.objects.filter(convening=convening)
        .select_related("session", "published_by", "updated_by")
        .order_by("session__starts_at", "pk")
    )


def actions_for_convening(*, convening: Convening) -> models.QuerySet[FollowUpAction]:
    return (
        FollowUpAction.objects.filter(convening=convening)
        .select_related("owner", "country")
        .annotate(update_count=Count("updates"))
        .order_by(models.F("due_date").asc(nulls_last=True), "pk")
    )


def messages_for_convening(*, convening: Convening) -> models.QuerySet[FollowUpMessage]:
    return (
        FollowUpMessage.objects.filter(convening=convening)
        .select_related("participant", "action")
        .order_by("-created_at", "-pk")
    )
