"""Convenings pages: another convening's objects under this one's address, and what the
portal's home lists. Every address against every role is in tests/security/url_matrix/.
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
