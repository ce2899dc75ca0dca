"""Searching people, role by role: staff find what they already see, participants only what
their page shows; Thai, Malay and Indonesian names are found whatever the case.

Roles: staff and admins see the whole directory (hidden and pseudonymous people with their
recorded names) and search it, and pick invitees and champions from it; participants have
no directory, only a convening's attendee list, where hidden people are absent and
pseudonymous people appear by their pseudonym alone. The data that could leak exists in
every test (a hidden person, a pseudonymous person's real name and organisation).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.convenings.factories import open_convening

pytestmark = pytest.mark.django_db

STAFF_LISTS = [
    ("participants:staff-directory", {"q": "somchai"}),
    ("convenings:staff-list", {"q": "bangkok"}),
    ("briefings:staff-list", {"q": "care"}),
    ("outcomes:staff-list", {"q": "pilot"}),
    ("outcomes:staff-champion-search", {"champion_q": "somchai"}),
]


@pytest.fixture
def people():
    th = factories.CountryFactory(code="TH")
    my = factories.CountryFactory(code="MY")
    return {
        "named": factories.ParticipantFactory(
            full_name="Siti Nurhaliza Binti Ahmad",
            country=my,
            organisation=factories.OrganisationFactory(name="Rumah Teduh", country=my),
        ),
        "pseudonymous": factories.ParticipantFactory(
            full_name="Somchai Jaidee",
            display_name="Rain",
            other_names="สมชาย ใจดี",
            visibility="pseudonymous",
            country=th,
            organisation=factories.OrganisationFactory(name="Secret Shelter", country=th),
        ),
        "hidden": factories.ParticipantFactory(
            full_name="Wanida Kaewkla",
            display_name="Wanida Kaewkla",
            other_names="วนิดา แก้วกล้า",
            visibility="hidden",
            country=th,
        ),
        "thai": factories.ParticipantFactory(
            full_name="ศิริพร ทองดี", display_name="ศิริพร ทองดี", country=th
        ),
    }


def _directory_names(client, text):
    response = client.get(reverse("participants:staff-directory"), {"q": text})
    assert response.status_code == 200
    return [p.full_name for p in response.context["page"].object_list]


@pytest.mark.parametrize("role_client", ["staff_client", "admin_client_"])
def test_staff_and_admins_find_in_the_directory_everyone_they_see_there(
    request, role_client, people
):
    client = request.getfixturevalue(role_client)
    # Staff see hidden and pseudonymous people by their recorded names in the directory,
    # so the search finds them by those names (and by the names in other scripts).
    assert _directory_names(client, "wanida") == ["Wanida Kaewkla"]
    assert _directory_names(client, "แก้วกล้า") == ["Wanida Kaewkla"]
    assert _directory_names(client, "JAIDEE") == ["Somchai Jaidee"]
    assert _directory_names(client, "rain") == ["Somchai Jaidee"]
    assert _directory_names(client, "สมชาย") == ["Somchai Jaidee"]


def test_the_directory_search_is_case_insensitive_and_finds_thai_names(staff_client, people):
    assert _directory_names(staff_client, "siti NURHALIZA") == ["Siti Nurhaliza Binti Ahmad"]
    assert _directory_names(staff_client, "rumah teduh") == ["Siti Nurhaliza Binti Ahmad"]
    assert _directory_names(staff_client, "ศิริพร") == ["ศิริพร ทองดี"]
    assert _directory_names(staff_client, "ทองดี ศิริพร") == ["ศิริพร ทองดี"]
    assert _directory_names(staff_client, "ศิริพร Kaewkla") == []
    # By country too: every word must match somewhere.
    assert sorted(_directory_names(staff_client, "malaysia")) == ["Siti Nurhaliza Binti Ahmad"]


def test_the_directory_keeps_the_search_and_announces_the_sort(staff_client, people):
    page = staff_client.get(
        reverse("participants:staff-directory"), {"q": "ศิริพร", "sort": "-name"}
    ).content.decode()
    assert 'value="ศิริพร"' in page
    assert '<th scope="col" aria-sort="descending"><a class="sort-link" href="?q=' in page
    # Sorting is a plain link that keeps the search and turns the order round.
    assert "sort=name" in page
    assert page.count("aria-sort=") == 1


def test_the_invitation_picker_uses_the_same_search(staff_client, people):
    convening = open_convening()
    url = reverse("convenings:staff-invitations", args=[convening.pk])
    # The words in any order, in any field (the picker once searched the whole phrase in
    # one field, the directory word by word: issue 18).
    for text, expected in (
        ("JAIDEE", "Somchai Jaidee"),
        ("jaidee somchai", "Somchai Jaidee"),
        ("ศิริพร", "ศิริพร ทองดี"),
        ("nurhaliza rumah", "Siti Nurhaliza Binti Ahmad"),
    ):
        response = staff_client.get(url, {"q": text})
        assert [p.full_name for p in response.context["candidates"]] == [expected]
        assert _directory_names(staff_client, text) == [expected]


@pytest.mark.parametrize(("name", "params"), STAFF_LISTS)
def test_participants_cannot_reach_the_staff_lists_or_searches(
    participant_client, client, people, name, params
):
    assert participant_client.get(reverse(name), params).status_code == 403
    anonymous = client.get(reverse(name), params)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))


@pytest.fixture
def attendees_page(participant, people):
    convening = open_convening()
    factories.InvitationFactory(convening=convening, participant=participant, status="accepted")
    for person in people.values():
        factories.InvitationFactory(convening=convening, participant=person, status="accepted")
    return reverse("convenings:portal-attendees", args=[convening.pk])


def _attendee_names(client, url, text):
    response = client.get(url, {"q": text})
    assert response.status_code == 200
    return [row["name"] for row in response.context["rows"]]


def test_a_participant_finds_attendees_only_by_what_the_page_shows(
    participant_client, attendees_page
):
    url = attendees_page
    # Named people by name (any case), organisation and country; Thai names as written.
    assert _attendee_names(participant_client, url, "NURHALIZA") == ["Siti Nurhaliza Binti Ahmad"]
    assert _attendee_names(participant_client, url, "rumah") == ["Siti Nurhaliza Binti Ahmad"]
    assert _attendee_names(participant_client, url, "ทองดี") == ["ศิริพร ทองดี"]
    # A pseudonymous person by the pseudonym only: not by real name, other-script name or
    # organisation.
    assert _attendee_names(participant_client, url, "rain") == ["Rain"]
    for text in ("somchai", "jaidee", "สมชาย", "secret shelter"):
        assert _attendee_names(participant_client, url, text) == []
    # A hidden person not at all, by any of their names.
    for text in ("wanida", "kaewkla", "วนิดา"):
        assert _attendee_names(participant_client, url, text) == []
    page = participant_client.get(url, {"q": "wanida"}).content.decode()
    assert "Kaewkla" not in page
    assert 'value="wanida"' in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Nobody coming matches “zzz”."),
        ("id", "Tidak ada peserta yang cocok dengan “zzz”."),
        ("ms", "Tiada peserta yang sepadan dengan “zzz”."),
        ("th", "ไม่มีผู้ที่จะมาที่ตรงกับ “zzz”"),
    ],
)
def test_an_attendee_search_without_matches_says_so_in_the_readers_language(
    participant, participant_client, attendees_page, language, expected
):
    participant.preferred_language = language
    participant.save(update_fields=["preferred_language"])
    page = participant_client.get(attendees_page, {"q": "zzz"}).content.decode()
    assert expected in page


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("params", [{}, {"q": "person"}])
def test_the_attendee_list_query_count_is_flat(
    participant, participant_client, django_assert_num_queries, count, params
):
    convening = open_convening()
    factories.InvitationFactory(convening=convening, participant=participant, status="accepted")
    for n in range(count):
        factories.InvitationFactory(
            convening=convening,
            status="accepted",
            participant__full_name=f"Attending Person {n}",
            participant__visibility=["named", "pseudonymous", "hidden"][n],
        )
    url = reverse("convenings:portal-attendees", args=[convening.pk])
    participant_client.get(url)
    # user, their participant record (session: cache), their invitation with the
    # convening, the attendees with organisation and country, groups (navigation)
    with django_assert_num_queries(5):
        response = participant_client.get(url, params)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_champion_search_query_count_is_flat(staff_client, django_assert_num_queries, count):
    people = [factories.ParticipantFactory(full_name=f"Champion Person {n}") for n in range(count)]
    url = reverse("outcomes:staff-champion-search")
    staff_client.get(url)
    # user, their participant record (session: cache), groups (role), the people chosen
    # with country and organisation, the people found with country and organisation
    with django_assert_num_queries(5):
        response = staff_client.get(
            url, {"champion_q": "champion person", "champions": [people[0].pk]}
        )
    assert len(response.context["form"]["champions"]) == count
