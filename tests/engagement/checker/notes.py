"""Invitees and notes for the checker's tests, and what the checker finds in them."""

from engagement import checker
from tests.engagement.factories import MeetingNoteFactory
from tests.factories import InvitationFactory, ParticipantFactory


def invite(convening, **kwargs):
    person = ParticipantFactory(**kwargs)
    InvitationFactory(convening=convening, participant=person)
    return person


def notes(convening, **texts):
    return MeetingNoteFactory(
        convening=convening, **{"key_points_en": "", "next_steps_en": "", **texts}
    )


def found(note):
    return [(m.field, m.language, m.text, m.kind) for m in checker.check_notes(note)]
