"""Who may change what between meetings.

Staff manage notes, actions and follow-ups of every convening. A participant may post
progress on the actions they own; what they may read is scoped in `selectors`.
"""

from __future__ import annotations

from accounts.permissions import is_staff_member, participant_for

from .models import FollowUpAction


def can_update_action(*, user, action: FollowUpAction) -> bool:
    if is_staff_member(user):
        return True
    participant = participant_for(user)
    return participant is not None and action.owner_id == participant.pk
