"""Every participants view against every role: anonymous, participant, other, staff, admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import InvitationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "invited_participant", "other_user", "staff", "admin"]


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


def staff_urls(subject):
    return [
        ("get", reverse("participants:staff-directory")),
        ("get", reverse("participants:staff-create")),
        ("get", reverse("participants:staff-import")),
        ("get", reverse("participants:staff-import-template")),
        ("get", reverse("participants:staff-detail", args=[subject.pk])),
        ("get", reverse("participants:staff-edit", args=[subject.pk])),
        ("post", reverse("participants:staff-create-account", args=[subject.pk])),
        ("post", reverse("participants:staff-import-commit")),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_staff_pages(role, client_for, subject):
    client = client_for(role)
    for method, url in staff_urls(subject):
        response = getattr(client, method)(url)
        if role == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("account_login")), url
        elif role in ("participant", "invited_participant", "other_user"):
            assert response.status_code == 403, url
            assert b"Hidden Subject" not in response.content
        elif method == "get":
            assert response.status_code == 200, url
        else:
            # POSTs redirect back to a staff page (never to sign-in).
            assert response.status_code == 302, url
            assert not response["Location"].startswith(reverse("account_login")), url


@pytest.mark.parametrize("role", ROLES)
def test_portal_profile(role, client_for):
    url = reverse("participants:portal-profile")
    response = client_for(role).get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role in ("participant", "invited_participant"):
        assert response.status_code == 200
        assert b"Siriporn Example" in response.content
    else:
        # Staff, admins and other accounts have no participant record: no profile page.
        assert response.status_code == 403


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
