"""New convenings and invitations: made once per form, and likely duplicates said first.

The concurrent case (two POSTs of one form at the same moment) is in
tests/platform/test_sqlite_create_once.py (SQLite) and
tests/integration/test_create_once.py (PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from convenings.models import Convening, Invitation
from tests import factories

from .factories import open_convening

pytestmark = pytest.mark.django_db

START = timezone.localdate() + dt.timedelta(days=60)


def _new_convening(**extra) -> dict:
    data = {
        "create_key": str(uuid.uuid4()),
        "title_en": "Bangkok peer exchange",
        "title_th": "การแลกเปลี่ยนที่กรุงเทพฯ",
        "host_country": factories.CountryFactory(code="TH").pk,
        "city": "Bangkok",
        "start_date": START.isoformat(),
        "end_date": (START + dt.timedelta(days=1)).isoformat(),
        "format": "in_person",
        "status": "open",
        "currency": "USD",
        "cost_travel": "0",
        "cost_venue": "0",
        "cost_interpretation": "0",
        "cost_other": "0",
    }
    data.update(extra)
    return data


def test_the_new_convening_form_carries_a_fresh_key_each_time(staff_client):
    url = reverse("convenings:staff-create")
    first, second = (staff_client.get(url) for _ in range(2))
    keys = [r.context["form"]["create_key"].value() for r in (first, second)]
    assert keys[0] != keys[1]
    assert f'value="{keys[1]}"' in second.content.decode()


def test_the_same_form_posted_twice_creates_one_convening_and_answers_with_it(staff_client):
    url = reverse("convenings:staff-create")
    data = _new_convening()
    first = staff_client.post(url, data)
    second = staff_client.post(url, data, follow=True)
    convening = Convening.objects.get()
    assert first.url == reverse("convenings:staff-detail", args=[convening.pk])
    assert second.redirect_chain == [(first.url, 302)]
    assert "This convening was already created; nothing new was saved." in (second.content.decode())
    assert "message-error" not in second.content.decode()


def test_a_post_without_the_key_saves_nothing_and_says_why(staff_client):
    data = _new_convening()
    del data["create_key"]
    response = staff_client.post(reverse("convenings:staff-create"), data)
    assert response.status_code == 200
    assert "This page is out of date: reload it and save again." in response.content.decode()
    assert not Convening.objects.exists()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            {
                "title_en": "  BANGKOK   peer-exchange! ",
                "start_date": "2031-01-05",
                "end_date": "2031-01-06",
            },
            "Same title.",
        ),
        ({"title_en": "Another name", "title_th": "", "city": "bangkok "}, "Same dates and place."),
        ({}, "Same title, dates and place."),
    ],
)
def test_a_likely_duplicate_is_shown_before_saving_and_save_anyway_saves(
    staff_client, change, reason
):
    url = reverse("convenings:staff-create")
    staff_client.post(url, _new_convening())
    existing = Convening.objects.get()
    data = _new_convening(**change)
    response = staff_client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert Convening.objects.count() == 1
    assert "This may already be recorded" in body
    assert reverse("convenings:staff-detail", args=[existing.pk]) in body
    assert reason in body
    assert 'name="save_anyway"' in body
    # The warning keeps the form's key: confirming (even twice) makes one more convening.
    assert response.context["form"]["create_key"].value() == data["create_key"]
    for _ in range(2):
        confirmed = staff_client.post(url, {**data, "save_anyway": "1"})
        assert confirmed.status_code == 302
    assert Convening.objects.count() == 2


def test_a_convening_with_another_title_place_and_dates_saves_without_a_warning(staff_client):
    url = reverse("convenings:staff-create")
    staff_client.post(url, _new_convening())
    response = staff_client.post(
        url, _new_convening(title_en="Kuala Lumpur exchange", title_th="", city="Kuala Lumpur")
    )
    assert response.status_code == 302
    assert Convening.objects.count() == 2


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("en", "This may already be recorded", "Save anyway"),
        ("id", "Ini mungkin sudah tercatat", "Tetap simpan"),
        ("ms", "Ini mungkin sudah direkodkan", "Simpan juga"),
        ("th", "รายการนี้อาจบันทึกไว้แล้ว", "บันทึกต่อไป"),
    ],
)
def test_the_duplicate_warning_is_in_the_staff_members_language(
    staff_client, staff_user, language, heading, button
):
    url = reverse("convenings:staff-create")
    staff_client.post(url, _new_convening())
    account_services.set_language(user=staff_user, language=language)
    body = staff_client.post(url, _new_convening()).content.decode()
    assert heading in body
    assert button in body


# --- Invitations -----------------------------------------------------------------------------


def test_ticking_someone_who_looks_like_an_invitee_asks_first(staff_client):
    convening = open_convening()
    my = factories.CountryFactory(code="MY")
    organisation = factories.OrganisationFactory(name="Rumah Teduh", country=my)
    invited = factories.ParticipantFactory(
        full_name="Aisyah Rahman", organisation=organisation, country=my
    )
    factories.InvitationFactory(convening=convening, participant=invited)
    twin = factories.ParticipantFactory(
        full_name="aisyah  RAHMAN", organisation=organisation, country=my, email="a2@example.org"
    )
    namesake = factories.ParticipantFactory(full_name="Aisyah Rahman", country=my)  # other org
    url = reverse("convenings:staff-invitations", args=[convening.pk])
    response = staff_client.post(url, {"participants": [twin.pk]})
    body = response.content.decode()
    assert response.status_code == 200
    assert Invitation.objects.filter(convening=convening).count() == 1
    assert "aisyah  RAHMAN (Rumah Teduh) looks like Aisyah Rahman (Rumah Teduh)" in body
    assert "Already invited." in body
    assert f'<input type="hidden" name="participants" value="{twin.pk}">' in body
    assert "Invite anyway" in body
    confirmed = staff_client.post(url, {"participants": [twin.pk], "save_anyway": "1"})
    assert confirmed.status_code == 302
    assert Invitation.objects.filter(convening=convening).count() == 2
    # A namesake in another organisation is someone else: invited without a question.
    assert staff_client.post(url, {"participants": [namesake.pk]}).status_code == 302
    assert Invitation.objects.filter(convening=convening).count() == 3


def test_two_records_of_one_person_ticked_together_are_shown(staff_client):
    convening = open_convening()
    th = factories.CountryFactory(code="TH")
    one = factories.ParticipantFactory(full_name="สมศรี มีสุข", country=th, organisation=None)
    two = factories.ParticipantFactory(full_name="สมศรี  มีสุข", country=th)
    url = reverse("convenings:staff-invitations", args=[convening.pk])
    response = staff_client.post(url, {"participants": [one.pk, two.pk]})
    assert response.status_code == 200
    assert "Also ticked." in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_from_a_stale_page_says_who_was_already_invited(staff_client):
    convening = open_convening()
    person = factories.ParticipantFactory()
    factories.InvitationFactory(convening=convening, participant=person)
    url = reverse("convenings:staff-invitations", args=[convening.pk])
    page = staff_client.post(url, {"participants": [person.pk]}, follow=True).content.decode()
    assert "0 people invited." in page
    assert "1 person was already invited and was not invited again." in page
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Invite anyway"),
        ("id", "Tetap undang"),
        ("ms", "Jemput juga"),
        ("th", "เชิญต่อไป"),
    ],
)
def test_the_invitation_warning_is_translated(staff_client, staff_user, language, text):
    convening = open_convening()
    th = factories.CountryFactory(code="TH")
    one = factories.ParticipantFactory(full_name="Somsri Meesuk", country=th, organisation=None)
    two = factories.ParticipantFactory(full_name="Somsri Meesuk", country=th, organisation=None)
    account_services.set_language(user=staff_user, language=language)
    url = reverse("convenings:staff-invitations", args=[convening.pk])
    body = staff_client.post(url, {"participants": [one.pk, two.pk]}).content.decode()
    assert text in body


# --- The list -----------------------------------------------------------------------------


def test_the_convening_list_searches_in_any_language_and_sorts_by_a_link(staff_client):
    th = factories.CountryFactory(code="TH")
    kl = open_convening(title_en="Care reform exchange", city="Kuala Lumpur")
    bkk = open_convening(
        title_en="Peer exchange", title_th="การแลกเปลี่ยนเรื่องการคุ้มครองเด็ก", host_country=th
    )
    url = reverse("convenings:staff-list")

    def upcoming(**params):
        return [c.pk for c in staff_client.get(url, params).context["upcoming"]]

    assert upcoming(q="CARE reform") == [kl.pk]
    assert upcoming(q="คุ้มครองเด็ก") == [bkk.pk]
    assert upcoming(q="kuala") == [kl.pk]
    assert upcoming(sort="title") == [kl.pk, bkk.pk]
    assert upcoming(sort="-title") == [bkk.pk, kl.pk]
    page = staff_client.get(url, {"q": "exchange", "sort": "-title"}).content.decode()
    assert 'value="exchange"' in page
    assert 'aria-sort="descending"><a class="sort-link" href="?q=exchange&amp;sort=title"' in page


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "No past convening matches this search."),
        ("id", "Tidak ada pertemuan lalu yang cocok dengan pencarian ini."),
        ("ms", "Tiada pertemuan lepas yang sepadan dengan carian ini."),
        ("th", "ไม่มีการประชุมที่ผ่านมาที่ตรงกับการค้นหานี้"),
    ],
)
def test_an_empty_search_of_convenings_says_so_translated(staff_client, staff_user, language, text):
    account_services.set_language(user=staff_user, language=language)
    body = staff_client.get(reverse("convenings:staff-list"), {"q": "zzz"}).content.decode()
    assert text in body
