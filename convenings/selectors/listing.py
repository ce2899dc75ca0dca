"""Convenings for staff lists, each with its reply counts read in the same query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ..models import (
    Convening,
    ConveningStatus,
    InvitationStatus,
)

# --- Staff reads ---------------------------------------------------------------------------

# Withdrawn invitations count nowhere (convenings/withdrawal.py).
_CURRENT = Q(invitations__withdrawn_at__isnull=True)
REPLY_COUNTS = {
    "invited_count": Count("invitations", filter=_CURRENT, distinct=True),
    "accepted_count": Count(
        "invitations",
        filter=_CURRENT
        & Q(invitations__status__in=[InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED]),
        distinct=True,
    ),
    "declined_count": Count(
        "invitations",
        filter=_CURRENT & Q(invitations__status=InvitationStatus.DECLINED),
        distinct=True,
    ),
    "no_reply_count": Count(
        "invitations",
        filter=_CURRENT & Q(invitations__status=InvitationStatus.INVITED),
        distinct=True,
    ),
    "attended_count": Count(
        "invitations",
        filter=_CURRENT & Q(invitations__status=InvitationStatus.ATTENDED),
        distinct=True,
    ),
}
# "Said yes": accepted before the event, attended after it.
YES = (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED)


def convenings_with_counts() -> QuerySet[Convening]:
    """Convenings with invited / accepted / declined / no-reply counts, in one query."""
    return Convening.objects.select_related("host_country").annotate(**REPLY_COUNTS)


def upcoming_convenings(*, today: dt.date | None = None) -> QuerySet[Convening]:
    today = today or timezone.localdate()
    return (
        convenings_with_counts()
        .filter(end_date__gte=today)
        .exclude(status=ConveningStatus.CANCELLED)
        .order_by("start_date", "pk")
    )


def past_convenings(*, today: dt.date | None = None) -> QuerySet[Convening]:
    today = today or timezone.localdate()
    return (
        convenings_with_counts()
        .filter(Q(end_date__lt=today) | Q(status=ConveningStatus.CANCELLED))
        .order_by("-start_date", "-pk")
    )


def convening_with_counts_or_404(*, convening_id: int) -> Convening:
    convening = convenings_with_counts().filter(pk=convening_id).first()
    if convening is None:
        raise Http404
    return convening
