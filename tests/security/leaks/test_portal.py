"""Nothing a participant can reach names a hidden person or unmasks a pseudonymous one: a
named invitee of the convening, and a participant of another convening, fetch every page,
file and export they can reach.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.security.leaks.surfaces import (
    NAMED,
    PSEUDONYMOUS,
    assert_absent,
    assert_the_words_exist_and_staff_see_them,
    fetch_all,
    hidden_words,
    page_text,
    portal_pages,
    pseudonymous_words,
    signed_in,
)

pytestmark = pytest.mark.django_db


def test_a_participant_of_the_convening_never_sees_the_hidden_or_the_pseudonymous_person(people):
    assert_the_words_exist_and_staff_see_them(people)
    client = signed_in(people["viewer"].user)
    texts = fetch_all(client, portal_pages(people))
    # Every page was really served (a 404 would prove nothing).
    assert {url: status for url, (status, _t) in texts.items() if status not in (200, 302)} == {}
    held_attendees = texts[reverse("convenings:portal-attendees", args=[people["held"].pk])][1]
    # The list works: the named person in full, the pseudonymous one by display name only.
    for word in (NAMED["full_name"], NAMED["organisation"], PSEUDONYMOUS["display_name"]):
        assert word in held_attendees
    pdf_text = texts[reverse("briefings:portal-pdf", args=[people["briefing"].pk])][1]
    assert "Screening at the border" in pdf_text  # a real PDF, read as text
    assert_absent(texts, hidden_words(), "hidden person")
    assert_absent(texts, pseudonymous_words(), "pseudonymous person")


def test_the_reply_form_posts_back_without_leaking(people):
    client = signed_in(people["viewer"].user)
    url = reverse("convenings:portal-reply", args=[people["upcoming"].pk])
    response = client.post(url, {"accept": "no-such-choice"})
    assert response.status_code == 200
    texts = {url: (200, page_text(response))}
    assert_absent(texts, hidden_words() + pseudonymous_words(), "reply form with errors")


def test_another_participants_data_export_names_nobody_else(people):
    assert_the_words_exist_and_staff_see_them(people)
    for person in (people["viewer"], people["named"]):
        response = signed_in(person.user).get(reverse("accounts:portal-my-data"))
        assert response.status_code == 200
        data = json.loads(response.content)
        assert data["participant"]["full_name"] == person.full_name
        texts = {"my-data": (200, response.content.decode())}
        assert_absent(texts, hidden_words(), f"my-data of {person.full_name}")
        assert_absent(texts, pseudonymous_words(), f"my-data of {person.full_name}")


def test_the_hidden_persons_own_export_is_theirs_alone(people):
    # The pseudonymous person's download has their own data, not the hidden person's.
    response = signed_in(people["pseudonymous"].user).get(reverse("accounts:portal-my-data"))
    text = response.content.decode()
    assert PSEUDONYMOUS["full_name"] in text
    assert_absent({"my-data": (200, text)}, hidden_words(), "pseudonymous person's my-data")


def test_a_participant_of_another_convening_sees_none_of_them(people):
    assert_the_words_exist_and_staff_see_them(people)
    client = signed_in(people["outsider"].user)
    texts = fetch_all(client, portal_pages(people))
    statuses = {url: status for url, (status, _t) in texts.items()}
    # Their own pages work; everything about the held and upcoming convenings is 404.
    assert statuses[reverse("convenings:portal-home")] == 200
    assert statuses[reverse("convenings:portal-attendees", args=[people["held"].pk])] == 404
    assert statuses[reverse("briefings:portal-pdf", args=[people["briefing"].pk])] == 404
    everyone = [
        *hidden_words(),
        *pseudonymous_words(),
        PSEUDONYMOUS["display_name"],
        NAMED["full_name"],
        NAMED["organisation"],
        "Held convening",
        "Upcoming convening",
    ]
    assert_absent(texts, everyone, "outsider")
