"""Who may see which briefing.

Staff see every briefing, drafts included. A participant sees a published briefing that is
platform-wide (no convening) or belongs to a convening they are invited to (any reply,
`convenings.permissions.is_invited`). Anything else answers 404, never 403, so the
existence of another convening's briefing is not revealed.
"""

from __future__ import annotations

from django.http import Http404

from accounts.permissions import is_staff_member
from convenings.permissions import is_invited
from participants.models import Participant
from participants.protection import withheld

from .models import Briefing, BriefingStatus


def can_view_briefing(*, participant: Participant | None, briefing: Briefing) -> bool:
    if participant is None or not participant.is_active:
        return False
    if briefing.status != BriefingStatus.PUBLISHED:
        return False
    if briefing.convening_id is None:
        return True
    return is_invited(participant=participant, convening=briefing.convening)


def briefing_for_participant_or_404(*, participant: Participant, briefing_id: int) -> Briefing:
    # One query: a briefing withheld because it names someone is not shown either.
    briefing = (
        Briefing.objects.select_related("convening")
        .filter(pk=briefing_id)
        .exclude(pk__in=withheld("briefings.briefing"))
        .first()
    )
    if briefing is None or not can_view_briefing(participant=participant, briefing=briefing):
        raise Http404
    return briefing


def briefing_for_staff_or_404(*, user, briefing_id: int) -> Briefing:
    if not is_staff_member(user):
        raise Http404
    briefing = Briefing.objects.select_related("convening").filter(pk=briefing_id).first()
    if briefing is None:
        raise Http404
    return briefing
