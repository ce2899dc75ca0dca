"""The participant's own view between meetings: published notes, my actions, feedback due.

Every reader is scoped to the participant who asks; a convening they were not invited to
answers 404 (convenings.permissions).
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from convenings.models import AgendaSession, Convening, Invitation, InvitationStatus
from convenings.permissions import convening_for_participant_or_404
from participants.models import Participant
from participants.protection import withheld

from ..models import (
    OPEN_ACTION_STATUSES,
    ActionUpdate,
    FeedbackReceipt,
    FollowUpAction,
    MeetingNote,
    NotesStatus,
)
from .attendance import RECORDED, attendee_invitations


class PublishedNotes(NamedTuple):
    convening: Convening
    notes: list[MeetingNote]


class FeedbackForm(NamedTuple):
    convening: Convening
    sessions: list[AgendaSession]
    # This participant has already given feedback on the convening.
    given: bool


# Notes on an agenda session that was deleted are not shown to participants (the session
# they are about is gone from the agenda); staff still see them.
LIVE_SESSION = Q(session__isnull=True) | Q(session__deleted_at__isnull=True)


def published_notes_for(*, participant: Participant, convening_id: int) -> PublishedNotes:
    """The convening (404 unless invited) and its published notes."""
    convening = convening_for_participant_or_404(participant=participant, convening_id=convening_id)
    notes = (
        MeetingNote.objects.filter(LIVE_SESSION, convening=convening, status=NotesStatus.PUBLISHED)
        .select_related("session")
        .order_by("session__starts_at", "pk")
    )
    return PublishedNotes(convening, list(notes))


def convenings_with_published_notes(*, participant: Participant) -> models.QuerySet[Convening]:
    published = MeetingNote.objects.filter(
        LIVE_SESSION, convening=OuterRef("pk"), status=NotesStatus.PUBLISHED
    )
    return (
        Convening.objects.filter(
            invitations__participant=participant, invitations__withdrawn_at__isnull=True
        )
        .filter(Exists(published))
        .select_related("host_country")
        .order_by("-start_date")
    )


def actions_for_participant(*, participant: Participant) -> models.QuerySet[FollowUpAction]:
    """My actions: those I own, on convenings I am invited to, without any withheld
    because it now identifies someone (participants.protection_services)."""
    latest = (
        ActionUpdate.objects.filter(action=OuterRef("pk"))
        .exclude(pk__in=withheld("engagement.actionupdate"))
        .order_by("-created_at", "-pk")
    )
    return (
        FollowUpAction.objects.filter(
            owner=participant,
            convening__invitations__participant=participant,
            convening__invitations__withdrawn_at__isnull=True,
        )
        .exclude(pk__in=withheld("engagement.followupaction"))
        .select_related("convening", "country")
        .annotate(
            last_update_text=Subquery(latest.values("text")[:1]),
            last_update_at=Subquery(latest.values("created_at")[:1]),
        )
        .order_by(
            models.Case(models.When(status__in=OPEN_ACTION_STATUSES, then=0), default=1),
            models.F("due_date").asc(nulls_last=True),
            "pk",
        )
    )


def action_for_owner_or_404(*, participant: Participant, action_id: int) -> FollowUpAction:
    action = actions_for_participant(participant=participant).filter(pk=action_id).first()
    if action is None:
        raise Http404
    return action


def feedback_form_for_or_404(*, participant: Participant, convening_id: int) -> FeedbackForm:
    """The convening and its sessions if this participant attended it; 404 otherwise."""
    convening = convening_for_participant_or_404(participant=participant, convening_id=convening_id)
    if not attendee_invitations(convening=convening).filter(participant=participant).exists():
        raise Http404
    if convening.end_date > timezone.localdate():
        raise Http404
    given = FeedbackReceipt.objects.filter(convening=convening, participant=participant).exists()
    return FeedbackForm(
        convening, list(convening.sessions.order_by("starts_at", "position")), given
    )


def feedback_due_for(*, participant: Participant) -> models.QuerySet[Convening]:
    """Past convenings I attended (see `attendee_invitations`) and have not given feedback on."""
    recorded = Invitation.objects.filter(convening=OuterRef("pk"), status__in=RECORDED)
    mine = Invitation.objects.filter(participant=participant, convening=OuterRef("pk"))
    receipts = FeedbackReceipt.objects.filter(participant=participant, convening=OuterRef("pk"))
    return (
        Convening.objects.filter(end_date__lte=timezone.localdate())
        .filter(
            Exists(mine.filter(status=InvitationStatus.ATTENDED))
            | (Exists(mine.filter(status=InvitationStatus.ACCEPTED)) & ~Exists(recorded))
        )
        .exclude(Exists(receipts))
        .order_by("-end_date")
    )


def feedback_due_on(*, participant: Participant, convening: Convening) -> bool:
    """Whether the feedback form takes this person's feedback on this convening now (the
    convening page asks, through convenings.views.portal.register_feedback_due)."""
    return feedback_due_for(participant=participant).filter(pk=convening.pk).exists()
