"""Every briefing view and file against every role (pretix-style URL x role matrix)."""

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


STAFF_PAGES = [
    ("briefings:staff-list", lambda s, p: []),
    ("briefings:staff-create", lambda s, p: []),
    ("briefings:staff-detail", lambda s, p: [s["own"].pk]),
    ("briefings:staff-edit", lambda s, p: [s["own"].pk]),
    ("briefings:staff-file", lambda s, p: [s["own"].pk, "en"]),
    ("briefings:staff-pdf", lambda s, p: [s["draft"].pk, "th"]),
    ("briefings:staff-pack-convenings", lambda s, p: []),
    ("briefings:staff-convening-packs", lambda s, p: [p.convening_id]),
    ("briefings:staff-pack", lambda s, p: [p.pk]),
    ("briefings:staff-pack-status", lambda s, p: [p.pk]),
    # The confirmation pages of publishing and going back to draft.
    ("briefings:staff-publish", lambda s, p: [s["draft"].pk]),
    ("briefings:staff-unpublish", lambda s, p: [s["own"].pk]),
    ("briefings:staff-pack-send", lambda s, p: [p.pk]),
]
STAFF_POSTS = [
    ("briefings:staff-publish", lambda s, p: [s["draft"].pk]),
    ("briefings:staff-unpublish", lambda s, p: [s["own"].pk]),
    ("briefings:staff-upload", lambda s, p: [s["own"].pk]),
    ("briefings:staff-pack-send", lambda s, p: [p.pk]),
    ("briefings:staff-pack-retry", lambda s, p: [p.pk]),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args"), STAFF_PAGES, ids=[n for n, _ in STAFF_PAGES])
def test_staff_pages(clients, briefing_set, pack, fast_pdf, role, name, args):
    url = reverse(name, args=args(briefing_set, pack))
    response = clients[role].get(url)
    expected = {"anonymous": 302, "staff": 200, "admin": 200}.get(role, 403)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args"), STAFF_POSTS, ids=[n for n, _ in STAFF_POSTS])
def test_staff_actions(
    clients, briefing_set, pack, role, name, args, django_capture_on_commit_callbacks
):
    url = reverse(name, args=args(briefing_set, pack))
    with django_capture_on_commit_callbacks(execute=False):
        # As the confirmation step posts (sends/confirm.html): the action itself.
        response = clients[role].post(url, {"confirm": "1"})
    expected = {"anonymous": 302, "staff": (302, 400), "admin": (302, 400)}.get(role, 403)
    assert response.status_code in (expected if isinstance(expected, tuple) else (expected,))
    if role not in ("staff", "admin"):
        briefing_set["draft"].refresh_from_db()
        assert briefing_set["draft"].status == "draft"
        briefing_set["own"].refresh_from_db()
        assert briefing_set["own"].status == "published"
        assert not pack.deliveries.exists()


PORTAL = ["briefings:portal-detail", "briefings:portal-file", "briefings:portal-pdf"]
# (briefing, role) -> status. Outsiders are participants without an invitation.
PORTAL_EXPECTED = {
    ("own", "invited"): 200,
    ("own", "outsider"): 404,
    ("platform", "invited"): 200,
    ("platform", "outsider"): 200,
    ("draft", "invited"): 404,
    ("draft", "outsider"): 404,
    ("elsewhere", "invited"): 404,
    ("elsewhere", "outsider"): 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_portal_list(clients, briefing_set, role):
    response = clients[role].get(reverse("briefings:portal-list"))
    expected = {"anonymous": 302, "invited": 200, "outsider": 200}.get(role, 403)
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "Best interests assessment" in html
        assert "Another convening&#x27;s briefing" not in html
        assert "Draft" not in html
        assert ("Screening and referral" in html) is (role == "invited")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["own", "platform", "draft", "elsewhere"])
@pytest.mark.parametrize("name", PORTAL)
def test_portal_briefing_pages_and_files(clients, briefing_set, fast_pdf, role, which, name):
    briefing = briefing_set[which]
    response = clients[role].get(reverse(name, args=[briefing.pk]))
    if role == "anonymous":
        assert response.status_code == 302
        return
    if role in ("other", "staff", "admin"):
        assert response.status_code == 403  # the portal is for participants
        return
    expected = PORTAL_EXPECTED[(which, role)]
    if name == "briefings:portal-file" and which == "platform" and expected == 200:
        expected = 404  # no file uploaded for that one
    assert response.status_code == expected


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
