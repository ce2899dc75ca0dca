"""The participant's own reads between meetings (engagement/selectors/participant.py)."""

import pytest

from engagement import selectors
from tests.engagement.factories import past_convening
from tests.factories import ConveningFactory, InvitationFactory

pytestmark = pytest.mark.django_db


def test_feedback_is_asked_only_of_attendees_who_have_not_answered(participant):
    attended = past_convening(days_ago=10)
    InvitationFactory(convening=attended, participant=participant, status="attended")
    accepted_unrecorded = past_convening(days_ago=11)
    InvitationFactory(convening=accepted_unrecorded, participant=participant, status="accepted")
    accepted_but_recorded = past_convening(days_ago=12)
    InvitationFactory(convening=accepted_but_recorded, participant=participant, status="accepted")
    InvitationFactory(convening=accepted_but_recorded, status="attended")
    upcoming = ConveningFactory()
    InvitationFactory(convening=upcoming, participant=participant, status="accepted")
    due = set(selectors.feedback_due_for(participant=participant))
    assert due == {attended, accepted_unrecorded}
