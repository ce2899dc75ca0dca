"""Pages between meetings: who may see what, what they see, and flat query counts."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    ActionStatus,
    FeedbackReceipt,
    FeedbackResponse,
    FollowUpMessage,
    MeetingNote,
    NotesStatus,
)
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory, past_convening
from tests.factories import (
    AgendaSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(participant):
    """A past convening the signed-in participant attended, with notes, an action, a session."""
    convening = past_convening(days_ago=10, title="Convening I attended")
    InvitationFactory(convening=convening, participant=participant, status="attended")
    session = AgendaSessionFactory(convening=convening, title="Case management")
    note = MeetingNoteFactory(
        convening=convening,
        status=NotesStatus.PUBLISHED,
        key_points_en="Mine: screening works.",
        key_points_th="ของฉัน: การคัดกรองได้ผล",
    )
    action = FollowUpActionFactory(convening=convening, owner=participant, title="My own action")
    return {"convening": convening, "session": session, "note": note, "action": action}


@pytest.fixture
def theirs():
    """Another convening, with its own attendee, published notes and action."""
    convening = past_convening(days_ago=12, title="A convening I was not at")
    other = ParticipantFactory(user=UserFactory())
    InvitationFactory(convening=convening, participant=other, status="attended")
    AgendaSessionFactory(convening=convening)
    note = MeetingNoteFactory(
        convening=convening, status=NotesStatus.PUBLISHED, key_points_en="Secret of theirs."
    )
    action = FollowUpActionFactory(convening=convening, owner=other, title="Their action")
    return {"convening": convening, "note": note, "action": action, "participant": other}


def staff_urls(c, note, action):
    return [
        reverse("engagement:staff-overview"),
        reverse("engagement:staff-notes", args=[c.pk]),
        reverse("engagement:staff-note-new", args=[c.pk]),
        reverse("engagement:staff-note-edit", args=[c.pk, note.pk]),
        reverse("engagement:staff-actions", args=[c.pk]),
        reverse("engagement:staff-action", args=[c.pk, action.pk]),
        reverse("engagement:staff-followups", args=[c.pk]),
        reverse("engagement:staff-feedback", args=[c.pk]),
    ]


STAFF_POSTS = [
    ("engagement:staff-note-publish", "note"),
    ("engagement:staff-note-unpublish", "note"),
    ("engagement:staff-action-delete", "action"),
    ("engagement:staff-followups-pause", None),
]


def portal_object_urls(c, action):
    return [
        reverse("engagement:portal-notes", args=[c.pk]),
        reverse("engagement:portal-feedback", args=[c.pk]),
    ]


# --- Access matrix ---------------------------------------------------------------------


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


# --- What pages show ---------------------------------------------------------------------


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


# --- Query counts (identical for 1 and 3 items) ----------------------------------------


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


def test_another_convenings_action_is_404_in_staff_urls(staff_client, mine, theirs):
    url = reverse("engagement:staff-action", args=[mine["convening"].pk, theirs["action"].pk])
    assert staff_client.get(url).status_code == 404
    url = reverse("engagement:staff-note-edit", args=[mine["convening"].pk, theirs["note"].pk])
    assert staff_client.get(url).status_code == 404


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
