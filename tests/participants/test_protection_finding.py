"""Finding and scrubbing protected names (the registry): every protected person, in every form and script a reader may meet.

Placeholder people: a hidden Thai person ("Somchai Wongsawat", written สมชาย วงศ์สวัสดิ์
in Thai), a pseudonymous one ("Nadia Orchidea", pseudonym "River"), a named person who has
not agreed to be named in reports and a named person who has.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from participants import protection
from participants.models import Sector, Visibility
from tests.factories import CountryFactory, OrganisationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    th, my = CountryFactory(code="TH"), CountryFactory(code="MY")
    hidden = ParticipantFactory(
        full_name="Somchai Wongsawat",
        display_name="Koru Shade",
        other_names="สมชาย วงศ์สวัสดิ์",
        visibility=Visibility.HIDDEN,
        country=th,
        sector=Sector.LIVED_EXPERIENCE,
        organisation=OrganisationFactory(name="Harbourstone Shelter Trust (HST)", country=th),
    )
    pseudonymous = ParticipantFactory(
        full_name="Nadia Orchidea",
        display_name="River",
        visibility=Visibility.PSEUDONYMOUS,
        country=my,
        sector=Sector.CIVIL_SOCIETY,
    )
    non_consenting = ParticipantFactory(
        full_name="Tan Wei Ming",
        visibility=Visibility.NAMED,
        consent_named_in_reports=False,
        country=my,
        sector=Sector.GOVERNMENT,
        organisation=OrganisationFactory(name="Quietwater Bureau", country=my),
    )
    consenting = ParticipantFactory(
        full_name="Chandra Openconsent",
        visibility=Visibility.NAMED,
        consent_named_in_reports=True,
        country=th,
    )
    return {
        "hidden": hidden,
        "pseudonymous": pseudonymous,
        "non_consenting": non_consenting,
        "consenting": consenting,
    }


def who(registry, text):
    return [(h.text, h.identity.participant_id) for h in registry.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Somchai Wongsawat explained.", "Somchai Wongsawat"),
        ("SOMCHAI WONGSAWAT explained.", "SOMCHAI WONGSAWAT"),
        ("Mr Wongsawat explained.", "Mr Wongsawat"),
        ("Khun Somchai explained.", "Khun Somchai"),
        ("Somchai W. explained.", "Somchai W."),
        ("S. Wongsawat explained.", "S. Wongsawat"),
        ("S.W. explained.", "S.W."),
        ("Koru Shade explained.", "Koru Shade"),
        ("The Harbourstone Shelter Trust explained.", "Harbourstone Shelter Trust"),
        ("HST explained.", "HST"),
        ("คุณสมชายเล่าว่าโครงการได้ผล", "สมชาย"),  # the name in other scripts, as written
        ("วงศ์สวัสดิ์ เล่าว่า", "วงศ์สวัสดิ์"),
    ],
)
def test_every_form_of_a_hidden_persons_name_is_found(people, text, expected):
    registry = protection.registry()
    assert who(registry, text) == [(expected, people["hidden"].pk)]


def test_thai_text_is_matched_against_a_latin_name_by_romanisation(people):
    # Nobody wrote the pseudonymous person's name in Thai; "นาเดีย" is read as "nadia".
    person = people["pseudonymous"]
    person.full_name = "Siriporn Chaiyasit"
    person.save()
    registry = protection.registry()
    hits = registry.find("วันนี้ศิริพรเล่าเรื่องโครงการ")
    assert [(h.text, h.identity.participant_id, h.form) for h in hits] == [
        ("ศิริพร", person.pk, protection.Form.ROMANISED)
    ]


def test_a_pseudonymous_persons_real_name_is_protected_but_not_the_pseudonym(people):
    registry = protection.registry()
    person = people["pseudonymous"]
    assert who(registry, "Nadia O. helped.") == [("Nadia O.", person.pk)]
    assert who(registry, "Ms Orchidea helped.") == [("Ms Orchidea", person.pk)]
    assert who(registry, "River helped.") == []


def test_named_people_are_protected_only_in_reports(people):
    participants = protection.registry()
    reports = protection.registry(audience=protection.Audience.REPORTS)
    text = "Mr Tan of Quietwater Bureau and Chandra Openconsent met."
    assert who(participants, text) == []
    hits = who(reports, text)
    # The organisation beside the name goes with it; the consenting person stays.
    assert hits == [("Mr Tan of Quietwater Bureau", people["non_consenting"].pk)]
    with translation.override("en"):
        assert reports.scrub(text) == (
            "a government official from Malaysia and Chandra Openconsent met."
        )


def test_a_name_that_may_be_printed_keeps_a_shorter_protected_name_inside_it(people):
    ParticipantFactory(full_name="Chandra Open", visibility=Visibility.HIDDEN)
    reports = protection.registry(audience=protection.Audience.REPORTS)
    assert who(reports, "Chandra Openconsent spoke.") == []


def test_common_words_and_substrings_are_left_alone(people):
    registry = protection.registry(audience=protection.Audience.REPORTS)
    text = "We hope the river of tanks and somchaiville sw. help mr. nobody."
    assert who(registry, text) == []


def test_the_reader_is_not_protected_from_themselves(people):
    registry = protection.registry(exclude=[people["hidden"].pk])
    assert who(registry, "Somchai Wongsawat wrote this.") == []


def test_scrubbing_uses_the_readers_language(people):
    registry = protection.registry()
    with translation.override("th"):
        scrubbed = registry.scrub("สมชาย วงศ์สวัสดิ์ เล่าว่า")
    assert "สมชาย" not in scrubbed
    assert "วงศ์สวัสดิ์" not in scrubbed


def test_erased_names_are_found_from_their_hashes_alone(people):
    from participants.models import ErasedName

    person = people["non_consenting"]
    digests = protection.erased_digests(
        full_name="Tan Wei Ming", display_name="Tan Wei Ming", other_names="ตัน เหว่ย หมิง"
    )
    ErasedName.objects.bulk_create(ErasedName(participant=person, digest=d) for d in digests)
    person.full_name = person.display_name = f"Erased participant {person.pk}"
    person.email = f"erased-{person.pk}@erased.invalid"
    person.save()
    registry = protection.registry()
    assert who(registry, "Tan Wei Ming came.") == [("Tan Wei Ming", person.pk)]
    assert who(registry, "Encik Tan came.") == [("Encik Tan", person.pk)]
    assert who(registry, "ตัน เหว่ย หมิง มา") != []
    assert not any("Tan Wei Ming" in d for d in digests)
