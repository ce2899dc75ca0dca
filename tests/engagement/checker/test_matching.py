"""The Chatham House checker's matching (engagement/checker/matching.py, terms.py and the
attribution it asks): names, organisations, roles and descriptions of one person are
caught in every language."""

import pytest

from engagement import checker
from participants.models import Visibility
from tests.engagement.checker.notes import found, invite, notes
from tests.factories import (
    ConveningFactory,
    CountryFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_full_name_in_other_case_is_caught_with_its_position(convening):
    invite(convening, full_name="Siriporn Wongsawat", display_name="Siriporn Wongsawat")
    text = "Pilot results. SIRIPORN WONGSAWAT explained the pilot."
    note = notes(convening, key_points_en=text)
    matches = checker.check_notes(note)
    whole = [m for m in matches if m.text == "SIRIPORN WONGSAWAT"]
    assert len(whole) == 1
    assert (whole[0].field, whole[0].language) == ("key_points", "en")
    assert text[whole[0].start : whole[0].end] == "SIRIPORN WONGSAWAT"


def test_accents_are_ignored_both_ways(convening):
    invite(convening, full_name="José Ramos Cruz", display_name="José")
    invite(convening, full_name="Nguyen Thi Anh", display_name="Nguyen Thi Anh")
    note = notes(convening, key_points_en="jose ramos cruz spoke; Ngùyễn too.")
    texts = {m.text for m in checker.check_notes(note)}
    assert "jose ramos cruz" in texts
    assert "Ngùyễn" in texts


def test_accented_text_offsets_point_at_the_original_characters(convening):
    invite(convening, full_name="Jose Almeida", display_name="Jose Almeida")
    text = "\uff21 note: JOSÉ ALMEIDA said so."  # full-width A folds to a, é to e
    note = notes(convening, key_points_en=text)
    match = next(m for m in checker.check_notes(note) if m.kind == "name")
    assert text[match.start : match.end] == "JOSÉ ALMEIDA"


def test_thai_names_are_found_inside_thai_text_without_spaces(convening):
    invite(convening, full_name="Somchai Jaidee", display_name="สมชาย ใจดี")
    note = notes(convening, key_points_th="ในการประชุมคุณสมชายเล่าว่าโครงการนำร่องได้ผลดี")
    assert found(note) == [("key_points", "th", "สมชาย", "name")]


def test_organisations_are_caught(convening):
    org = OrganisationFactory(name="Harbour Legal Aid Centre")
    invite(convening, organisation=org)
    note = notes(convening, next_steps_ms="Wakil harbour legal aid centre akan berkongsi panduan.")
    assert found(note) == [("next_steps", "ms", "harbour legal aid centre", "organisation")]


def test_position_and_country_together_are_caught_in_one_sentence(convening):
    invite(
        convening,
        full_name="Aroha Tane",
        position="Deputy Director of Border Policy",
        country=CountryFactory(code="NZ"),
    )
    note = notes(
        convening,
        key_points_en=(
            "The deputy director of border policy from New Zealand described reforms. "
            "New Zealand has a deputy director of border policy."
        ),
    )
    kinds = [m.kind for m in checker.check_notes(note)]
    assert kinds == ["position_country"] * 4


def test_position_and_country_in_different_sentences_pass(convening):
    # Two people hold the position, so the position alone describes a group, not a person.
    invite(
        convening, position="Deputy Director of Border Policy", country=CountryFactory(code="NZ")
    )
    invite(
        convening, position="Deputy Director of Border Policy", country=CountryFactory(code="AU")
    )
    note = notes(
        convening,
        key_points_en="A deputy director of border policy spoke. Later, New Zealand was discussed.",
    )
    assert found(note) == []


def test_country_name_in_another_language_counts(convening):
    country = CountryFactory(code="TH")
    country.name_th = "ประเทศไทย"
    country.save()
    invite(convening, position="ผู้อำนวยการกอง", country=country)
    note = notes(convening, key_points_th="ผู้อำนวยการกองจากประเทศไทยเล่าถึงการปฏิรูป")
    assert {m.kind for m in checker.check_notes(note)} == {"position_country"}


def test_common_words_and_substrings_are_not_flagged(convening):
    invite(convening, full_name="Hope", display_name="Hope")  # a one-word common word
    invite(convening, full_name="Ana Lim", display_name="Ana")
    invite(convening, full_name="Grace Putri Wijaya", display_name="Grace Putri Wijaya")
    note = notes(
        convening,
        key_points_en="We hope that banana farms and grace periods help. Anatomy of reform.",
    )
    assert found(note) == []


def test_distinctive_parts_of_a_name_are_flagged_alone(convening):
    invite(convening, full_name="Grace Putri Wijaya", display_name="Grace Putri Wijaya")
    note = notes(convening, key_points_ind="Ibu Wijaya menjelaskan program itu.")
    assert found(note) == [("key_points", "id", "Wijaya", "name")]


def test_short_single_names_match_on_word_boundaries(convening):
    invite(convening, full_name="Ana Lim", display_name="Ana")
    note = notes(convening, key_points_en="Ana suggested it; the banana did not.")
    assert found(note) == [("key_points", "en", "Ana", "name")]


def test_hidden_and_pseudonymous_invitees_of_any_reply_are_checked(convening):
    hidden = invite(convening, full_name="Rahim Abdullah", visibility=Visibility.HIDDEN)
    pseudo = invite(convening, full_name="Real Namehere", display_name="Kestrel Moon")
    pseudo.visibility = Visibility.PSEUDONYMOUS
    pseudo.save()
    hidden.invitations.update(status="declined")
    note = notes(convening, key_points_en="Rahim Abdullah and Kestrel Moon shared stories.")
    texts = {m.text for m in checker.check_notes(note) if " " in m.text}
    assert texts == {"Rahim Abdullah", "Kestrel Moon"}


def test_people_of_other_convenings_are_not_checked(convening):
    invite(ConveningFactory(), full_name="Outside Person", display_name="Outside Person")
    note = notes(convening, key_points_en="Outside Person was not there.")
    assert found(note) == []


def test_a_position_used_as_a_topic_is_no_description(convening):
    # Only one person present is the "Case Management Lead", but the sentence is about case
    # management, not about a person: no role word ("lead") and no person word.
    invite(convening, full_name="Aminah Rahman", position="Case Management Lead")
    note = notes(convening, key_points_en="Case management worked better than detention.")
    assert found(note) == []
    note = notes(convening, key_points_en="The case management lead explained it.")
    assert [m.kind for m in checker.check_notes(note)] == ["description"]
