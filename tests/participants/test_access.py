"""Participants pages: what staff see of hidden people, unknown ids, POST-only actions.

Every address against every role is in tests/security/url_matrix/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import InvitationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(db):
    """A directory record the views are about; hidden, so a leak would matter."""
    return ParticipantFactory(full_name="Hidden Subject", visibility="hidden")


@pytest.fixture
def client_for(request, client, participant):
    def make(role):
        if role == "anonymous":
            return client
        if role == "invited_participant":
            InvitationFactory(participant=participant)
            return request.getfixturevalue("participant_client")
        fixture = {
            "participant": "participant_client",
            "other_user": None,
            "staff": "staff_client",
            "admin": "admin_client_",
        }[role]
        if fixture is None:
            client.force_login(request.getfixturevalue("other_user"))
            return client
        return request.getfixturevalue(fixture)

    return make


def test_the_profile_page_shows_the_participant_their_own_record(client_for):
    # Who may open it at all is in tests/security/url_matrix/.
    response = client_for("participant").get(reverse("participants:portal-profile"))
    assert response.status_code == 200
    assert b"Siriporn Example" in response.content


def test_staff_see_hidden_people_in_the_directory(staff_client, subject):
    response = staff_client.get(reverse("participants:staff-directory"))
    assert "Hidden Subject" in response.content.decode()


def test_unknown_participant_is_404_for_staff(staff_client):
    for name in ("participants:staff-detail", "participants:staff-edit"):
        assert staff_client.get(reverse(name, args=[999999])).status_code == 404


def test_create_account_is_post_only(staff_client, subject):
    url = reverse("participants:staff-create-account", args=[subject.pk])
    assert staff_client.get(url).status_code == 405
    subject.refresh_from_db()
    assert subject.user_id is None
