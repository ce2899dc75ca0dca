"""New outcomes are recorded once per form, likely duplicates are said first, and the
champion picker finds people by name, country or organisation (with and without JavaScript).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import services as account_services
from outcomes.models import Outcome
from tests import factories as core

from . import factories

pytestmark = pytest.mark.django_db


def _new_outcome(**extra) -> dict:
    return factories.outcome_form_data(with_evidence=False, **extra)


def test_the_same_outcome_form_posted_twice_records_one_outcome(staff_client):
    url = reverse("outcomes:staff-create")
    data = _new_outcome()
    first = staff_client.post(url, data)
    second = staff_client.post(url, data, follow=True)
    outcome = Outcome.objects.get()
    assert first.url == reverse("outcomes:staff-edit", args=[outcome.pk])
    assert second.redirect_chain == [(first.url, 302)]
    assert "This outcome was already recorded; nothing new was saved." in (second.content.decode())


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"title_en": "a champion LEADS a pilot.", "what_changed_en": "Other"}, "Same title."),
        (
            {"title_en": "Other", "title_th": "", "what_changed_en": " the pilot  started "},
            "Same description of the change.",
        ),
        (
            {"title_en": "Other", "title_th": "ผู้ผลักดันนำโครงการนำร่อง", "what_changed_en": "x"},
            "Same title.",
        ),
        ({}, "Same title and description of the change."),
    ],
)
def test_a_likely_duplicate_outcome_is_shown_before_saving(staff_client, change, reason):
    url = reverse("outcomes:staff-create")
    staff_client.post(url, _new_outcome())
    existing = Outcome.objects.get()
    data = _new_outcome(**change)
    body = staff_client.post(url, data).content.decode()
    assert Outcome.objects.count() == 1
    assert "This may already be recorded" in body
    assert reason in body
    assert reverse("outcomes:staff-edit", args=[existing.pk]) in body
    assert staff_client.post(url, {**data, "save_anyway": "1"}).status_code == 302
    assert staff_client.post(url, {**data, "save_anyway": "1"}).status_code == 302
    assert Outcome.objects.count() == 2


def test_editing_an_outcome_asks_nothing(staff_client):
    outcome = factories.OutcomeFactory(title_en="A champion leads a pilot")
    factories.OutcomeFactory(title_en="A champion leads a pilot")
    data = _new_outcome()
    del data["create_key"]
    response = staff_client.post(reverse("outcomes:staff-edit", args=[outcome.pk]), data)
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "This outcome was already recorded; nothing new was saved."),
        ("id", "Hasil ini sudah dicatat; tidak ada yang baru disimpan."),
        ("ms", "Hasil ini telah pun direkodkan; tiada apa-apa yang baharu disimpan."),
        ("th", "ผลลัพธ์นี้บันทึกไว้แล้ว ไม่ได้บันทึกสิ่งใดเพิ่ม"),
    ],
)
def test_the_repeat_is_answered_in_the_staff_members_language(
    staff_client, staff_user, language, text
):
    account_services.set_language(user=staff_user, language=language)
    url = reverse("outcomes:staff-create")
    data = _new_outcome()
    staff_client.post(url, data)
    assert text in staff_client.post(url, data, follow=True).content.decode()


# --- The champion picker ------------------------------------------------------------------


@pytest.fixture
def directory():
    th, my = core.CountryFactory(code="TH"), core.CountryFactory(code="MY")
    people = {
        "aisyah": core.ParticipantFactory(
            full_name="Aisyah Rahman",
            country=my,
            organisation=core.OrganisationFactory(name="Rumah Teduh", country=my),
            consent_named_in_reports=True,
        ),
        "somchai": core.ParticipantFactory(
            full_name="Somchai Jaidee", other_names="สมชาย ใจดี", country=th
        ),
        "wanida": core.ParticipantFactory(full_name="วนิดา แก้วกล้า", country=th),
    }
    for n in range(30):  # more people than the picker shows at once
        core.ParticipantFactory(full_name=f"Budi Santoso {n:02d}", country=my)
    return people


def _offered(response) -> list[str]:
    return [
        choice.data["label"].split(" · ")[0] for choice in response.context["form"]["champions"]
    ]


def test_the_new_outcome_form_offers_no_one_until_staff_search(staff_client, directory):
    response = staff_client.get(reverse("outcomes:staff-create"))
    assert _offered(response) == []
    body = response.content.decode()
    assert "No champions chosen yet: find people by name, country or organisation." in body
    assert 'name="find_champions"' in body
    assert 'data-hx-get="/staff/outcomes/champions/"' in body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aisyah", ["Aisyah Rahman"]),
        ("RUMAH teduh", ["Aisyah Rahman"]),
        ("สมชาย", ["Somchai Jaidee"]),
        ("แก้วกล้า", ["วนิดา แก้วกล้า"]),
        ("thailand", ["Somchai Jaidee", "วนิดา แก้วกล้า"]),
    ],
)
def test_the_champion_search_finds_by_name_country_and_organisation(
    staff_client, directory, text, expected
):
    url = reverse("outcomes:staff-champion-search")
    assert _offered(staff_client.get(url, {"champion_q": text})) == expected


def test_a_broad_champion_search_shows_25_and_asks_for_more_letters(staff_client, directory):
    response = staff_client.get(reverse("outcomes:staff-champion-search"), {"champion_q": "budi"})
    assert len(_offered(response)) == 25
    assert "More people match: type more of the name to see them." in response.content.decode()


def test_chosen_champions_stay_ticked_while_staff_search_for_more(staff_client, directory):
    aisyah = directory["aisyah"]
    response = staff_client.get(
        reverse("outcomes:staff-champion-search"),
        {"champion_q": "somchai", "champions": [aisyah.pk]},
    )
    assert _offered(response) == ["Aisyah Rahman", "Somchai Jaidee"]
    body = response.content.decode()
    assert f'value="{aisyah.pk}"' in body
    assert body.count("checked") == 1
    assert "Aisyah Rahman · Rumah Teduh · Malaysia · named in reports" in body
    assert "Somchai Jaidee · " in body
    assert "· Thailand · described, not named" in body


def test_without_javascript_the_find_button_shows_the_form_again_and_saves_nothing(
    staff_client, directory
):
    aisyah = directory["aisyah"]
    data = _new_outcome(champion_q="สมชาย", champions=[aisyah.pk], find_champions="1")
    response = staff_client.post(reverse("outcomes:staff-create"), data)
    assert response.status_code == 200
    assert not Outcome.objects.exists()
    assert _offered(response) == ["Aisyah Rahman", "Somchai Jaidee"]
    body = response.content.decode()
    assert "errorlist" not in body  # only a search: nothing is judged yet
    assert 'value="A champion leads a pilot"' in body
    assert response.context["form"]["create_key"].value() == data["create_key"]
    # Ticking the one found and saving records both champions.
    somchai = directory["somchai"]
    del data["find_champions"]
    saved = staff_client.post(
        reverse("outcomes:staff-create"), {**data, "champions": [aisyah.pk, somchai.pk]}
    )
    assert saved.status_code == 302
    assert set(Outcome.objects.get().champions.all()) == {aisyah, somchai}


def test_editing_an_outcome_shows_its_champions_ticked(staff_client, directory):
    outcome = factories.OutcomeFactory()
    outcome.champions.set([directory["wanida"]])
    response = staff_client.get(reverse("outcomes:staff-edit", args=[outcome.pk]))
    assert _offered(response) == ["วนิดา แก้วกล้า"]
    assert "checked" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Nobody in the directory matches “zzz”."),
        ("id", "Tidak ada orang di direktori yang cocok dengan “zzz”."),
        ("ms", "Tiada sesiapa dalam direktori yang sepadan dengan “zzz”."),
        ("th", "ไม่มีผู้ใดในทำเนียบที่ตรงกับ “zzz”"),
    ],
)
def test_an_empty_champion_search_says_so_translated(staff_client, staff_user, language, text):
    account_services.set_language(user=staff_user, language=language)
    url = reverse("outcomes:staff-champion-search")
    assert text in staff_client.get(url, {"champion_q": "zzz"}).content.decode()


def test_the_outcome_list_searches_titles_in_any_language_and_champions(staff_client, directory):
    pilot = factories.OutcomeFactory(title_en="Pilot of case management", title_th="โครงการนำร่อง")
    other = factories.OutcomeFactory(title_en="Detention alternatives law")
    other.champions.set([directory["aisyah"]])
    url = reverse("outcomes:staff-list")

    def found(**params):
        return [o.pk for o in staff_client.get(url, params).context["outcomes"]]

    assert found(q="PILOT") == [pilot.pk]
    assert found(q="นำร่อง") == [pilot.pk]
    assert found(q="aisyah") == [other.pk]
    assert found(q="rumah teduh") == [other.pk]
    assert found(sort="title") == [other.pk, pilot.pk]
    assert found(sort="-title") == [pilot.pk, other.pk]
