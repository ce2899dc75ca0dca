"""Demo directory: 157 people in five member countries, the same on every run."""

from __future__ import annotations

import pytest

from accounts import demo as accounts_demo
from participants import demo
from participants.models import Country, Organisation, Participant

pytestmark = pytest.mark.django_db


def test_seed_builds_157_people_in_five_member_countries():
    accounts_demo.seed()
    created = demo.seed()
    assert len(created) == 157
    assert Participant.objects.count() == 157
    members = Country.objects.filter(is_member=True)
    assert sorted(members.values_list("code", flat=True)) == ["AU", "ID", "MY", "NZ", "TH"]
    assert set(members.values_list("joined_year", flat=True)) == {2019}
    thailand = Country.objects.get(code="TH")
    assert (thailand.name_en, thailand.name_th) == ("Thailand", "ประเทศไทย")
    assert Country.objects.get(code="NZ").name_ind == "Selandia Baru"
    assert set(Participant.objects.values_list("country__code", flat=True)) == {
        "AU",
        "ID",
        "MY",
        "NZ",
        "TH",
    }
    assert set(Participant.objects.values_list("sector", flat=True)) == {
        "government",
        "civil_society",
        "academia",
        "international",
        "lived_experience",
    }
    assert set(Participant.objects.values_list("expertise_level", flat=True)) == {
        "new",
        "experienced",
        "expert",
    }
    # Everyone reads in their country's language.
    for code, language in demo.LANGUAGE.items():
        assert set(
            Participant.objects.filter(country__code=code).values_list(
                "preferred_language", flat=True
            )
        ) == {language}
    lived = Participant.objects.filter(lived_experience=True)
    assert lived.filter(visibility="pseudonymous").exists()
    assert lived.filter(visibility="hidden").exists()
    assert not lived.filter(consent_contact_at__isnull=True).exists()
    assert (
        not Participant.objects.exclude(visibility="named").filter(lived_experience=False).exists()
    )
    assert Organisation.objects.filter(participants__isnull=True).count() == 0


def test_demo_participant_account_is_a_named_thai_civil_society_participant():
    accounts_demo.seed()
    demo.seed()
    participant = Participant.objects.get(user__email="participant@demo.example")
    assert (participant.country.code, participant.sector, participant.visibility) == (
        "TH",
        "civil_society",
        "named",
    )
    assert participant.is_active


def test_second_run_adds_nothing():
    demo.seed()
    counts = (Country.objects.count(), Organisation.objects.count(), Participant.objects.count())
    emails = set(Participant.objects.values_list("email", flat=True))
    assert demo.seed() == []
    assert (
        Country.objects.count(),
        Organisation.objects.count(),
        Participant.objects.count(),
    ) == counts
    assert set(Participant.objects.values_list("email", flat=True)) == emails


def test_scale_two_doubles_the_people_not_the_countries():
    demo.seed(scale=2)
    assert Participant.objects.count() == 314
    assert Country.objects.filter(is_member=True).count() == 5
    assert len(set(Participant.objects.values_list("full_name", flat=True))) > 250


def test_scale_one_people_are_the_first_of_scale_two():
    demo.seed()
    first = set(Participant.objects.values_list("email", flat=True))
    assert len(demo.seed(scale=2)) == 157
    assert first <= set(Participant.objects.values_list("email", flat=True))
