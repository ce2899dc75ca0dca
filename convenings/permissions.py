"""Who may see a convening and its people.

Staff see every convening. A participant sees a convening they are invited to (any
reply), and only that convening's attendee list: under the Chatham House Rule the
identity and affiliation of other participants stay within the convening's own invitees.
Everything else answers 404 (see `convening_for_participant_or_404`).
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from accounts.permissions import is_staff_member, participant_for
from participants.models import Participant

from .models import Convening, ConveningStatus, Invitation, InvitationStatus

# Replies are taken until the convening is held, cancelled or over.
REPLYABLE_STATUSES = (ConveningStatus.PLANNED, ConveningStatus.OPEN)


def is_invited(*, participant: Participant | None, convening: Convening) -> bool:
    if participant is None:
        return False
    return Invitation.objects.filter(participant=participant, convening=convening).exists()


def can_view_convening(*, user, convening: Convening) -> bool:
    if is_staff_member(user):
        return True
    return is_invited(participant=participant_for(user), convening=convening)


def convening_for_participant_or_404(*, participant: Participant, convening_id: int) -> Convening:
    """The convening if this participant is invited to it; 404 otherwise (never 403)."""
    convening = (
        Convening.objects.select_related("host_country")
        .filter(
            pk=convening_id,
            invitations__participant=participant,
            invitations__withdrawn_at__isnull=True,
        )
        .first()
    )
    if convening is None:
        raise Http404
    return convening


def invitation_for_participant_or_404(*, participant: Participant, convening_id: int) -> Invitation:
    invitation = (
        Invitation.objects.select_related("convening", "convening__host_country")
        .filter(participant=participant, convening_id=convening_id)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def convening_takes_replies(*, convening: Convening) -> bool:
    """Open or planned, and neither its last day nor its reply deadline has passed at
    the venue."""
    today = timezone.localdate(timezone=convening.zone)
    return (
        convening.status in REPLYABLE_STATUSES
        and convening.end_date >= today
        and (convening.reply_deadline is None or convening.reply_deadline >= today)
    )


def can_reply(*, invitation: Invitation) -> bool:
    """The invitee may (still) answer: the convening takes replies and no attendance is
    recorded for them yet."""
    return convening_takes_replies(convening=invitation.convening) and invitation.status not in (
        InvitationStatus.ATTENDED,
        InvitationStatus.NO_SHOW,
    )


def has_checkin_code(*, invitation: Invitation) -> bool:
    """The person has a check-in code to show on their phone: they said yes (or are already
    checked in) and the convening is not cancelled. The code page and the convening page's
    link both ask this."""
    return (
        invitation.status in (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED)
        and not invitation.convening.is_cancelled
    )
