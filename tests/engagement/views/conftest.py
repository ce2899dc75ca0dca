"""`mine`: a held convening the participant was at, with notes, an action they own and a
session to rate; `theirs`: the same for a convening they were not invited to.
"""

from __future__ import annotations

import pytest

from engagement.models import (
    NotesStatus,
)
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory, past_convening
from tests.factories import (
    AgendaSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    UserFactory,
)


@pytest.fixture
def mine(participant):
    """A past convening the signed-in participant attended, with notes, an action, a session."""
    convening = past_convening(days_ago=10, title="Convening I attended")
    InvitationFactory(convening=convening, participant=participant, status="attended")
    session = AgendaSessionFactory(convening=convening, title="Case management")
    note = MeetingNoteFactory(
        convening=convening,
        status=NotesStatus.PUBLISHED,
        key_points_en="Mine: screening works.",
        key_points_th="ของฉัน: การคัดกรองได้ผล",
    )
    action = FollowUpActionFactory(convening=convening, owner=participant, title="My own action")
    return {"convening": convening, "session": session, "note": note, "action": action}


@pytest.fixture
def theirs():
    """Another convening, with its own attendee, published notes and action."""
    convening = past_convening(days_ago=12, title="A convening I was not at")
    other = ParticipantFactory(user=UserFactory())
    InvitationFactory(convening=convening, participant=other, status="attended")
    AgendaSessionFactory(convening=convening)
    note = MeetingNoteFactory(
        convening=convening, status=NotesStatus.PUBLISHED, key_points_en="Secret of theirs."
    )
    action = FollowUpActionFactory(convening=convening, owner=other, title="Their action")
    return {"convening": convening, "note": note, "action": action, "participant": other}
