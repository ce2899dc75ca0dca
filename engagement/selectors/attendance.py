"""Who attended a convening, as the between-meetings work counts it.

The invitation and its statuses are the convenings app's (imported explicitly); the rule
"attended, or accepted while attendance is not recorded yet" is engagement's.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q

from convenings.models import Convening, Invitation, InvitationStatus

# Statuses that mean attendance was recorded for a convening.
RECORDED = (InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW)


def attendance_recorded(*, convening: Convening) -> bool:
    return Invitation.objects.filter(convening=convening, status__in=RECORDED).exists()


def attendee_invitations(*, convening: Convening) -> models.QuerySet[Invitation]:
    """Who attended; while attendance is not recorded, who accepted."""
    recorded = Invitation.objects.filter(convening=OuterRef("convening"), status__in=RECORDED)
    return (
        Invitation.objects.filter(convening=convening)
        .annotate(_recorded=Exists(recorded))
        .filter(
            Q(status=InvitationStatus.ATTENDED)
            | Q(status=InvitationStatus.ACCEPTED, _recorded=False)
        )
    )
