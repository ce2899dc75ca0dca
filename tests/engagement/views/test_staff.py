"""What the staff engagement pages do: the checker page, pausing follow-ups, actions for the
secretariat, editing and deleting actions, the feedback page's counts.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    NotesStatus,
)
from tests.engagement.factories import MeetingNoteFactory, past_convening
from tests.factories import (
    AgendaSessionFactory,
    InvitationFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def test_checker_page_highlights_matches_and_refuses_publishing(staff_client, mine):
    c = mine["convening"]
    named = ParticipantFactory(full_name="Siriporn Wongsawat", display_name="Siriporn Wongsawat")
    InvitationFactory(convening=c, participant=named)
    note = MeetingNoteFactory(
        convening=c, key_points_en="<b>Siriporn</b> said Wongsawat's pilot worked."
    )
    url = reverse("engagement:staff-note-edit", args=[c.pk, note.pk])
    html = staff_client.get(url).content.decode()
    assert "&lt;b&gt;<mark>Siriporn</mark>&lt;/b&gt; said <mark>Wongsawat</mark>" in html

    response = staff_client.post(reverse("engagement:staff-note-publish", args=[c.pk, note.pk]))
    assert response.status_code == 409
    assert "Publishing was refused" in response.content.decode()
    note.refresh_from_db()
    assert note.status == NotesStatus.DRAFT

    data = {"session": "", "key_points_en": "An official said the pilot worked."}
    assert staff_client.post(url, data).status_code == 302
    response = staff_client.post(reverse("engagement:staff-note-publish", args=[c.pk, note.pk]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.status == NotesStatus.PUBLISHED


def test_staff_pause_and_resume(staff_client, mine):
    c = mine["convening"]
    url = reverse("engagement:staff-followups-pause", args=[c.pk])
    staff_client.post(url, {"paused": "1"})
    c.refresh_from_db()
    assert c.followups_paused
    staff_client.post(url, {"paused": "0"})
    c.refresh_from_db()
    assert not c.followups_paused


def test_staff_create_an_action_for_the_secretariat(staff_client, mine):
    c = mine["convening"]
    due = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    response = staff_client.post(
        reverse("engagement:staff-actions", args=[c.pk]),
        {"title": "Circulate the guide", "owner": "", "country": "", "due_date": due},
    )
    assert response.status_code == 302
    assert c.followup_actions.get(title="Circulate the guide").owned_by_secretariat


def test_staff_edit_and_delete_an_action(staff_client, mine, participant):
    c, action = mine["convening"], mine["action"]
    url = reverse("engagement:staff-action", args=[c.pk, action.pk])
    response = staff_client.post(
        url,
        {
            "title": "Renamed action",
            "owner": participant.pk,
            "country": "",
            "due_date": "",
            "status": "in_progress",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.status, action.due_date) == ("Renamed action", "in_progress", None)
    response = staff_client.post(
        url, {"update-text": "Chased by e-mail.", "update-status": "in_progress"}
    )
    assert response.status_code == 302
    assert action.updates.get().text == "Chased by e-mail."
    delete = reverse("engagement:staff-action-delete", args=[c.pk, action.pk])
    assert staff_client.post(delete).status_code == 302
    assert not c.followup_actions.filter(pk=action.pk).exists()


def test_feedback_page_counts_in_the_singular_for_one(staff_client):
    """One response from one attendee reads "1 response", "1 attendee" (not "1 responses")."""
    from engagement import services

    convening = past_convening()
    session = AgendaSessionFactory(convening=convening)
    person = ParticipantFactory()
    InvitationFactory(convening=convening, participant=person, status="attended")
    services.submit_feedback(
        convening=convening, participant=person, ratings={session.pk: 4}, what_to_change=""
    )
    page = staff_client.get(reverse("engagement:staff-feedback", args=[convening.pk]))
    html = " ".join(page.content.decode().split())
    assert '<span class="value">1</span><span class="label">response</span>' in html
    assert '<span class="value">1</span><span class="label">attendee</span>' in html
    assert "responses</span>" not in html
    assert "attendees</span>" not in html


def test_only_the_edit_form_of_an_action_offers_its_status(staff_client, mine):
    """One field layout serves both forms: a new action starts open, an existing one can move."""
    c, action = mine["convening"], mine["action"]
    edit = staff_client.get(reverse("engagement:staff-action", args=[c.pk, action.pk])).text
    add = staff_client.get(reverse("engagement:staff-actions", args=[c.pk])).text
    for page in (edit, add):
        assert 'name="title"' in page
        assert 'name="due_date"' in page
    assert '<select name="status"' in edit
    assert '<select name="status"' not in add
