"""Query counts of the engagement list pages, identical for 1 and 3 items."""

from __future__ import annotations

import pytest
from django.urls import reverse

from engagement.models import (
    FollowUpMessage,
    NotesStatus,
)
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory, past_convening
from tests.factories import (
    AgendaSessionFactory,
    InvitationFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def _sent_messages(convening, n):
    for i in range(n):
        person = ParticipantFactory()
        FollowUpMessage.objects.create(
            key=f"test:{convening.pk}:{i}",
            kind="followup",
            convening=convening,
            participant=person,
            recipient=person.email,
            language="en",
            status="sent",
        )


# Every signed-in page costs: user, their participant record (session: cache), the user's
# groups (role context processor), and on a session's first request the idle-timeout
# stamp (savepoint, update session, release): 6 before the page's own queries.
@pytest.mark.parametrize("n", [1, 3])
def test_portal_actions_query_count(participant, participant_client, django_assert_num_queries, n):
    convening = past_convening()
    InvitationFactory(convening=convening, participant=participant, status="attended")
    for _ in range(n):
        FollowUpActionFactory(convening=convening, owner=participant)
    # 6 + actions (with convening, country and last update)
    with django_assert_num_queries(7):
        assert participant_client.get(reverse("engagement:portal-actions")).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_portal_notes_index_query_count(
    participant, participant_client, django_assert_num_queries, n
):
    for _ in range(n):
        convening = past_convening(days_ago=400)
        InvitationFactory(convening=convening, participant=participant, status="attended")
        MeetingNoteFactory(convening=convening, status=NotesStatus.PUBLISHED)
    # 6 + feedback due, convenings with notes
    with django_assert_num_queries(8):
        assert participant_client.get(reverse("engagement:portal-notes-index")).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_portal_notes_query_count(participant, participant_client, django_assert_num_queries, n):
    convening = past_convening()
    InvitationFactory(convening=convening, participant=participant, status="attended")
    for _ in range(n):
        MeetingNoteFactory(
            convening=convening,
            status=NotesStatus.PUBLISHED,
            session=AgendaSessionFactory(convening=convening),
        )
    # 6 + convening (invited), notes with sessions, feedback still due?
    with django_assert_num_queries(9):
        url = reverse("engagement:portal-notes", args=[convening.pk])
        assert participant_client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_staff_notes_list_query_count(staff_client, django_assert_num_queries, n):
    convening = past_convening()
    for _ in range(n):
        MeetingNoteFactory(convening=convening, session=AgendaSessionFactory(convening=convening))
    # 6 + convening, notes (with session and editors)
    with django_assert_num_queries(8):
        url = reverse("engagement:staff-notes", args=[convening.pk])
        assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_staff_actions_list_query_count(staff_client, django_assert_num_queries, n):
    convening = past_convening()
    for _ in range(n):
        person = ParticipantFactory()
        InvitationFactory(convening=convening, participant=person)
        FollowUpActionFactory(convening=convening, owner=person)
    # 6 + convening, actions with owners and update counts, owner choices, country choices
    with django_assert_num_queries(10):
        url = reverse("engagement:staff-actions", args=[convening.pk])
        assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_staff_followups_log_query_count(staff_client, django_assert_num_queries, n):
    convening = past_convening()
    _sent_messages(convening, n)
    # 6 + convening, message count, messages with participant and action
    with django_assert_num_queries(9):
        url = reverse("engagement:staff-followups", args=[convening.pk])
        assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize(("n", "queries"), [(1, 10), (3, 15)])
def test_staff_feedback_query_count(staff_client, django_assert_num_queries, n, queries):
    from engagement import services

    convening = past_convening()
    sessions = [AgendaSessionFactory(convening=convening) for _ in range(n)]
    for _ in range(n):
        person = ParticipantFactory()
        InvitationFactory(convening=convening, participant=person, status="attended")
        services.submit_feedback(
            convening=convening,
            participant=person,
            ratings={s.pk: 4 for s in sessions},
            what_to_change="More time.",
        )
    # With 1 answer, 10: the 6 of every staff page, then the convening, the response count,
    # the sessions and the attendee count; nothing about the answers is read (too few to
    # show). With 3 answers (at the small-number threshold), 15: also the averages, the
    # responses and the protection service's three (organisations of one, people, erased
    # names) for scrubbing the written answers.
    with django_assert_num_queries(queries):
        url = reverse("engagement:staff-feedback", args=[convening.pk])
        assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_staff_overview_query_count(staff_client, django_assert_num_queries, n):
    for _ in range(n):
        convening = past_convening()
        person = ParticipantFactory()
        InvitationFactory(convening=convening, participant=person, status="attended")
        FollowUpActionFactory(convening=convening, owner=person, status="done")
        MeetingNoteFactory(convening=convening)
    # 6 + engagement rows, convenings with counts, overdue count
    with django_assert_num_queries(9):
        assert staff_client.get(reverse("engagement:staff-overview")).status_code == 200
