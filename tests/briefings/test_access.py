"""What the briefing pages show to whom, and how files are served (every address against\nevery role is in tests/security/url_matrix/)."""

import pytest
from django.urls import reverse

from briefings.models import BriefingPack

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other", "outsider", "invited", "staff", "admin"]


@pytest.fixture
def clients(client, participant_client, staff_client, admin_client_, outsider_client, other_user):
    from django.test import Client

    other = Client()
    other.force_login(other_user)
    return {
        "anonymous": client,
        "other": other,
        "outsider": outsider_client,
        "invited": participant_client,
        "staff": staff_client,
        "admin": admin_client_,
    }


@pytest.fixture
def pack(briefing_set, convening, staff_user):
    pack = BriefingPack.objects.create(convening=convening, created_by=staff_user)
    pack.briefings.set([briefing_set["own"]])
    return pack


@pytest.mark.parametrize("role", ["invited", "outsider"])
def test_the_portal_list_shows_only_published_briefings_of_ones_own_convenings(
    clients, briefing_set, role
):
    # Who may open the pages at all: tests/security/url_matrix/.
    html = clients[role].get(reverse("briefings:portal-list")).content.decode()
    assert "Best interests assessment" in html
    assert "Another convening&#x27;s briefing" not in html
    assert "Draft" not in html
    assert ("Screening and referral" in html) is (role == "invited")


def test_files_are_attachments_with_a_server_chosen_name(participant_client, briefing_set):
    response = participant_client.get(
        reverse("briefings:portal-file", args=[briefing_set["own"].pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="screening-and-referral-en.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_no_public_media_url_serves_the_files(client, participant_client, briefing_set):
    item = briefing_set["own"].files.get()
    for c in (client, participant_client):
        assert c.get("/protected-media/" + item.file.name).status_code == 404
        assert c.get("/media/" + item.file.name).status_code == 404
