"""Who may see and change visa details and letters.

A participant: only their own, on a convening they are invited to (not withdrawn) and
have accepted; their letters only. Staff: every invitation of the convening in the URL.
Anything else answers 404: another person's letter, another convening's letter, a
withdrawn invitation.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from participants.models import Participant

from .models import Convening, ConveningStatus, Invitation, InvitationStatus, VisaLetter

# Visa details matter for people coming; "attended" keeps the page readable afterwards.
COMING = (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED)


def own_invitation_or_404(*, participant: Participant, convening_id: int) -> Invitation:
    """The participant's current (not withdrawn) invitation to this convening."""
    invitation = (
        Invitation.objects.select_related("convening", "convening__host_country")
        .filter(participant=participant, convening_id=convening_id)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def is_coming(invitation: Invitation) -> bool:
    return invitation.status in COMING


def can_change_visa_details(*, invitation: Invitation) -> bool:
    """Coming, and the convening is neither cancelled nor over at the venue."""
    convening = invitation.convening
    return (
        is_coming(invitation)
        and convening.status != ConveningStatus.CANCELLED
        and convening.end_date >= timezone.localdate(timezone=convening.zone)
    )


def own_letter_or_404(*, invitation: Invitation, letter_id: int) -> VisaLetter:
    letter = VisaLetter.objects.filter(pk=letter_id, invitation=invitation).first()
    if letter is None:
        raise Http404
    return letter


def invitation_of_convening_or_404(*, convening: Convening, invitation_id: int) -> Invitation:
    invitation = (
        Invitation.objects.select_related("participant", "convening__host_country")
        .filter(pk=invitation_id, convening=convening)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def letter_of_convening_or_404(*, convening: Convening, letter_id: int) -> VisaLetter:
    letter = (
        VisaLetter.objects.filter(
            pk=letter_id, invitation__convening=convening, invitation__withdrawn_at__isnull=True
        )
        .select_related("invitation")
        .first()
    )
    if letter is None:
        raise Http404
    return letter
