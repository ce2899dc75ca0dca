"""Every convenings view against every role: anonymous, signed in without a role, a
participant not invited, the invited participant, staff and admin.

Wrong role answers 403, another convening's page 404, anonymous goes to sign-in.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(convening, invitation, other_convening):
    session = factories.AgendaSessionFactory(convening=convening)
    visit = factories.SiteVisitFactory(convening=convening)
    return {"c": convening, "s": session, "v": visit, "other": other_convening}


STAFF_GET = [
    ("convenings:staff-dashboard", lambda w: []),
    ("convenings:staff-list", lambda w: []),
    ("convenings:staff-create", lambda w: []),
    ("convenings:staff-detail", lambda w: [w["c"].pk]),
    ("convenings:staff-edit", lambda w: [w["c"].pk]),
    ("convenings:staff-invitations", lambda w: [w["c"].pk]),
    ("convenings:staff-invitation-balance", lambda w: [w["c"].pk]),
    ("convenings:staff-replies", lambda w: [w["c"].pk]),
    ("convenings:staff-agenda", lambda w: [w["c"].pk]),
    ("convenings:staff-session-edit", lambda w: [w["c"].pk, w["s"].pk]),
    ("convenings:staff-site-visits", lambda w: [w["c"].pk]),
    ("convenings:staff-site-visit-edit", lambda w: [w["c"].pk, w["v"].pk]),
    ("convenings:staff-costs", lambda w: [w["c"].pk]),
]
STAFF_POST = [
    ("convenings:staff-remind", lambda w: [w["c"].pk]),
    ("convenings:staff-attendance", lambda w: [w["c"].pk]),
    ("convenings:staff-session-move", lambda w: [w["c"].pk, w["s"].pk]),
    ("convenings:staff-session-delete", lambda w: [w["c"].pk, w["s"].pk]),
    ("convenings:staff-site-visit-delete", lambda w: [w["c"].pk, w["v"].pk]),
]
PORTAL = [
    "convenings:portal-detail",
    "convenings:portal-reply",
    "convenings:portal-attendees",
    "convenings:portal-calendar",
]


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def uninvited_client(db):
    user = factories.UserFactory(email="uninvited@example.org")
    factories.ParticipantFactory(user=user, email=user.email)
    return _client(user)


@pytest.mark.parametrize(("name", "args"), STAFF_GET, ids=[n for n, _ in STAFF_GET])
def test_staff_pages(
    name, args, world, participant_client, uninvited_client, other_user, staff_client, admin_client_
):
    url = reverse(name, args=args(world))
    anonymous = _client().get(url)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("account_login"))
    assert _client(other_user).get(url).status_code == 403
    assert uninvited_client.get(url).status_code == 403
    assert participant_client.get(url).status_code == 403
    assert staff_client.get(url).status_code == 200
    assert admin_client_.get(url).status_code == 200


@pytest.mark.parametrize(("name", "args"), STAFF_POST, ids=[n for n, _ in STAFF_POST])
def test_staff_actions(name, args, world, participant_client, other_user, staff_client):
    url = reverse(name, args=args(world))
    assert _client().post(url).status_code == 302
    assert _client().post(url).url.startswith(reverse("account_login"))
    assert _client(other_user).post(url).status_code == 403
    assert participant_client.post(url).status_code == 403
    assert staff_client.get(url).status_code == 405
    assert staff_client.post(url, {"direction": "up"}).status_code == 302


def test_staff_pages_of_objects_of_another_convening_are_404(world, staff_client):
    other = world["other"]
    assert (
        staff_client.get(
            reverse("convenings:staff-session-edit", args=[other.pk, world["s"].pk])
        ).status_code
        == 404
    )
    assert (
        staff_client.get(
            reverse("convenings:staff-site-visit-edit", args=[other.pk, world["v"].pk])
        ).status_code
        == 404
    )
    assert staff_client.get(reverse("convenings:staff-detail", args=[999999])).status_code == 404


def test_portal_home(world, participant_client, uninvited_client, other_user, staff_client):
    url = reverse("convenings:portal-home")
    assert _client().get(url).status_code == 302
    assert _client(other_user).get(url).status_code == 403
    assert staff_client.get(url).status_code == 403  # staff without a participant record
    assert uninvited_client.get(url).status_code == 200
    response = participant_client.get(url)
    assert response.status_code == 200
    assert "Bangkok convening" in response.content.decode()
    assert "Secret other convening" not in response.content.decode()


@pytest.mark.parametrize("name", PORTAL)
def test_portal_convening_pages(
    name, world, participant_client, uninvited_client, other_user, staff_client, admin_client_
):
    url = reverse(name, args=[world["c"].pk])
    other_url = reverse(name, args=[world["other"].pk])
    anonymous = _client().get(url)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("account_login"))
    assert _client(other_user).get(url).status_code == 403
    assert staff_client.get(url).status_code == 403
    assert admin_client_.get(url).status_code == 403
    assert uninvited_client.get(url).status_code == 404
    assert participant_client.get(url).status_code == 200
    # Another convening's page, reply form, attendees and calendar answer 404.
    assert participant_client.get(other_url).status_code == 404
    assert participant_client.post(other_url).status_code == 404
