"""Who may open the engagement pages: anonymous people sign in, participants get 403 on staff
pages, staff 403 in the portal, another convening's notes, actions and feedback answer 404.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from engagement.models import (
    ActionStatus,
    MeetingNote,
    NotesStatus,
)
from tests.engagement.factories import past_convening
from tests.engagement.views.addresses import STAFF_POSTS, portal_object_urls, staff_urls
from tests.factories import (
    InvitationFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in_everywhere(client, mine):
    c, note, action = mine["convening"], mine["note"], mine["action"]
    urls = [
        *staff_urls(c, note, action),
        *portal_object_urls(c, action),
        reverse("engagement:portal-actions"),
        reverse("engagement:portal-notes-index"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url
    for name, obj in STAFF_POSTS:
        args = [c.pk] + ([mine[obj].pk] if obj else [])
        assert client.post(reverse(name, args=args)).status_code == 302
    response = client.post(reverse("engagement:portal-action-update", args=[action.pk]))
    assert response.status_code == 302


def test_participants_and_other_users_get_403_on_staff_pages(participant_client, other_user, mine):
    c, note, action = mine["convening"], mine["note"], mine["action"]
    nobody = Client()
    nobody.force_login(other_user)
    for client in (participant_client, nobody):
        for url in staff_urls(c, note, action):
            assert client.get(url).status_code == 403, url
        for name, obj in STAFF_POSTS:
            args = [c.pk] + ([mine[obj].pk] if obj else [])
            assert client.post(reverse(name, args=args)).status_code == 403, name
    note.refresh_from_db()
    assert note.is_published


@pytest.mark.parametrize("client_name", ["staff_client", "admin_client_"])
def test_staff_and_admins_see_every_staff_page(request, client_name, mine):
    client = request.getfixturevalue(client_name)
    c, note, action = mine["convening"], mine["note"], mine["action"]
    for url in staff_urls(c, note, action):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("client_name", ["staff_client", "admin_client_"])
def test_staff_without_a_participant_record_get_403_in_the_portal(request, client_name, mine):
    client = request.getfixturevalue(client_name)
    for url in [
        *portal_object_urls(mine["convening"], mine["action"]),
        reverse("engagement:portal-actions"),
        reverse("engagement:portal-notes-index"),
    ]:
        assert client.get(url).status_code == 403, url


def test_invited_participant_sees_their_portal_pages(participant_client, mine):
    for url in [
        *portal_object_urls(mine["convening"], mine["action"]),
        reverse("engagement:portal-actions"),
        reverse("engagement:portal-notes-index"),
    ]:
        assert participant_client.get(url).status_code == 200, url


def test_another_convenings_notes_actions_and_feedback_are_404(participant_client, mine, theirs):
    c = theirs["convening"]
    for url in portal_object_urls(c, theirs["action"]):
        assert participant_client.get(url).status_code == 404, url
    assert (
        participant_client.post(reverse("engagement:portal-feedback", args=[c.pk])).status_code
        == 404
    )
    response = participant_client.post(
        reverse("engagement:portal-action-update", args=[theirs["action"].pk]),
        {f"a{theirs['action'].pk}-text": "hijack", f"a{theirs['action'].pk}-status": "done"},
    )
    assert response.status_code == 404
    theirs["action"].refresh_from_db()
    assert theirs["action"].status == ActionStatus.OPEN
    # The lists show mine and never theirs (which exist: see the fixture).
    actions = participant_client.get(reverse("engagement:portal-actions")).content.decode()
    assert "My own action" in actions
    assert "Their action" not in actions
    index = participant_client.get(reverse("engagement:portal-notes-index")).content.decode()
    assert "Convening I attended" in index
    assert "A convening I was not at" not in index
    assert MeetingNote.objects.filter(convening=c, status=NotesStatus.PUBLISHED).exists()


def test_invited_but_absent_cannot_give_feedback(participant_client, participant):
    convening = past_convening()
    InvitationFactory(convening=convening, participant=participant, status="declined")
    url = reverse("engagement:portal-feedback", args=[convening.pk])
    assert participant_client.get(url).status_code == 404


def test_another_convenings_action_is_404_in_staff_urls(staff_client, mine, theirs):
    url = reverse("engagement:staff-action", args=[mine["convening"].pk, theirs["action"].pk])
    assert staff_client.get(url).status_code == 404
    url = reverse("engagement:staff-note-edit", args=[mine["convening"].pk, theirs["note"].pk])
    assert staff_client.get(url).status_code == 404
