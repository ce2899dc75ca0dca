"""What the portal's engagement pages show: notes in my language and never drafts, progress
on my actions, the anonymous feedback form taken once.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from engagement.models import (
    ActionStatus,
    FeedbackReceipt,
    FeedbackResponse,
)
from tests.engagement.factories import MeetingNoteFactory

pytestmark = pytest.mark.django_db


def test_notes_are_shown_in_my_language_and_drafts_never(participant, participant_client, mine):
    participant.preferred_language = "th"
    participant.save()
    MeetingNoteFactory(convening=mine["convening"], key_points_en="Unpublished draft text.")
    page = participant_client.get(reverse("engagement:portal-notes", args=[mine["convening"].pk]))
    html = page.content.decode()
    assert "ของฉัน: การคัดกรองได้ผล" in html
    assert "Mine: screening works." not in html
    assert "Unpublished draft text." not in html
    assert reverse("engagement:portal-feedback", args=[mine["convening"].pk]) in html


def test_owner_posts_progress_from_the_portal(participant_client, mine):
    action = mine["action"]
    response = participant_client.post(
        reverse("engagement:portal-action-update", args=[action.pk]),
        {f"a{action.pk}-text": "Shared with my team.", f"a{action.pk}-status": "done"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.updates.get().text == "Shared with my team."


def test_feedback_form_is_anonymous_and_taken_once(participant_client, participant, mine):
    url = reverse("engagement:portal-feedback", args=[mine["convening"].pk])
    assert "anonymous" in participant_client.get(url).content.decode()
    data = {f"session_{mine['session'].pk}": "5", "what_to_change": "Shorter days."}
    assert participant_client.post(url, data).status_code == 302
    assert participant_client.post(url, data).status_code == 200  # already given: no second form
    assert FeedbackResponse.objects.count() == 1
    assert FeedbackReceipt.objects.filter(participant=participant).count() == 1
    assert "already given feedback" in participant_client.get(url).content.decode()


def test_an_empty_feedback_form_is_refused_and_the_real_one_is_taken_after(
    participant_client, participant, mine
):
    url = reverse("engagement:portal-feedback", args=[mine["convening"].pk])
    empty = {f"session_{mine['session'].pk}": "", "what_to_change": "   ", "priorities": ""}
    response = participant_client.post(url, empty)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Rate at least one session or write an answer before sending your feedback." in html
    assert FeedbackReceipt.objects.count() == 0
    assert FeedbackResponse.objects.count() == 0
    assert "already given feedback" not in participant_client.get(url).content.decode()

    assert participant_client.post(url, {"priorities": "Budgets."}).status_code == 302
    assert FeedbackReceipt.objects.filter(participant=participant).count() == 1


def test_the_empty_feedback_message_is_in_the_participants_language(
    participant_client, participant, mine
):
    participant.preferred_language = "th"
    participant.save()
    url = reverse("engagement:portal-feedback", args=[mine["convening"].pk])
    html = participant_client.post(url, {"what_to_change": ""}).content.decode()
    assert "Rate at least one session" not in html
    assert FeedbackReceipt.objects.count() == 0
