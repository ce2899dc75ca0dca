"""Thai text naming a participant recorded in Latin script is refused."""

from __future__ import annotations

import pytest

from convenings.models import InvitationStatus
from tests import factories
from tests.security.identity.people import notes_saying, publish, refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "ในการประชุม สมชายเล่าว่าโครงการนำร่องได้ผลดี",  # the given name, romanised
        "สมชาย ใจดี อธิบายขั้นตอนการส่งต่อ",  # the full name
    ],
)
def test_thai_notes_naming_a_participant_recorded_in_latin_script_are_refused(w, text):
    notes = notes_saying(w["convening"], text, field="key_points_th")
    matches = refused(notes, by=w["staff"])
    assert {m.participant_id for m in matches} == {w["somchai"].pk}


def test_a_short_thai_given_name_after_a_title_is_refused_and_alone_is_a_word(w):
    """ "มาลี" (Malee) romanises to a two-consonant skeleton, too short to be a name on its
    own (it is also a word, "flower"); after คุณ/นาย/นาง it is the person."""
    malee = factories.ParticipantFactory(full_name="Malee Sukprasert", country=w["th"])
    factories.InvitationFactory(
        convening=w["convening"], participant=malee, status=InvitationStatus.ATTENDED
    )
    notes = notes_saying(w["convening"], "คุณมาลีอธิบายขั้นตอนการส่งต่อ", field="key_points_th")
    matches = refused(notes, by=w["staff"])
    assert {m.participant_id for m in matches} == {malee.pk}
    publish(notes_saying(w["convening"], "ดอกมาลีบานในสวน", field="key_points_th"), w["staff"])
