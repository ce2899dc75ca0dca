"""Attribution through a pseudonym used as a speaker, or a description that fits one person
present, is refused; words that are no speaker pass.
"""

from __future__ import annotations

import pytest

from engagement.models import (
    MeetingNote,
)
from participants.models import Sector
from tests import factories
from tests.security.identity.people import notes_saying, publish, refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "River shared her experience of detention.",
        "Later, River explained the referral steps.",
        "River menjelaskan langkah rujukan.",
    ],
)
def test_a_pseudonym_used_as_a_speaker_is_refused(w, text):
    notes = notes_saying(w["convening"], text)
    matches = refused(notes, by=w["staff"])
    assert [m.kind for m in matches] == ["speaker"]


@pytest.mark.parametrize(
    "text",
    [
        "According to River, case workers matter most.",
        "As River put it, case workers matter most.",
        "In River's words, case workers matter most.",
        "River: case workers matter more than walls.",
        "River, who spent a year in detention, said case workers matter.",
        "Menurut River, pekerja kasus sangat penting.",
        "Kata River, pekerja kes amat penting.",
    ],
)
def test_a_pseudonym_is_no_speaker_before_the_verb_or_further_from_it(w, text):
    """Attribution is not only "River said": "according to River", "River's words",
    "River: …" and a verb later in the sentence attribute the remark too."""
    notes = notes_saying(w["convening"], text)
    matches = refused(notes, by=w["staff"])
    assert [m.kind for m in matches] == ["speaker"]


@pytest.mark.parametrize(
    "text",
    [
        "Along the Mekong River, officials explained the referral steps.",
        "The river shared by two provinces was discussed.",
        "Pilots on the Red River said little about children.",
    ],
)
def test_a_river_that_is_a_place_is_still_no_speaker(w, text):
    publish(notes_saying(w["convening"], text), w["staff"])


def test_the_everyday_word_is_not_a_speaker(w):
    notes = notes_saying(w["convening"], "The river shared by two provinces was discussed.")
    publish(notes, w["staff"])


@pytest.mark.parametrize(
    "text",
    [
        "The Malaysian case management lead explained the pilot.",
        "A government official from Malaysia described the pilot.",
        "Pegawai kerajaan Malaysia menjelaskan program itu.",
    ],
)
def test_a_description_that_fits_one_person_present_is_refused(w, text):
    notes = notes_saying(w["convening"], text)
    matches = refused(notes, by=w["staff"])
    assert {(m.kind, m.participant_id) for m in matches} == {("description", w["aminah"].pk)}


def test_a_description_that_fits_two_people_present_passes(w):
    second = factories.ParticipantFactory(
        full_name="Farid Osman", country=w["my"], sector=Sector.GOVERNMENT, position="Director"
    )
    factories.InvitationFactory(convening=w["convening"], participant=second, status="attended")
    notes = notes_saying(w["convening"], "A government official from Malaysia described the pilot.")
    publish(notes, w["staff"])
    assert MeetingNote.objects.get(pk=notes.pk).is_published
