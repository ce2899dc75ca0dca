"""Writes between meetings: publishing checked notes, actions and progress, anonymous feedback."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from accounts.models import AuditEntry
from engagement import services
from engagement.models import (
    ActionStatus,
    FeedbackReceipt,
    FeedbackResponse,
    NotesStatus,
    SessionRating,
)
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory, past_convening
from tests.factories import (
    AgendaSessionFactory,
    ConveningFactory,
    InvitationFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_publishing_is_refused_while_a_name_is_there_then_allowed_after_rephrasing(staff_user):
    convening = ConveningFactory(chatham_house=True)
    person = ParticipantFactory(full_name="Siriporn Wongsawat", display_name="Siriporn Wongsawat")
    InvitationFactory(convening=convening, participant=person)
    note = services.save_notes(
        convening=convening,
        by=staff_user,
        texts={"key_points_en": "Wongsawat said the pilot halved detention.", "key_points_th": ""},
    )
    with pytest.raises(services.NotesAttributeSomeoneError) as refused:
        services.publish_notes(notes=note, by=staff_user)
    assert [m.text for m in refused.value.matches] == ["Wongsawat"]
    note.refresh_from_db()
    assert note.status == NotesStatus.DRAFT

    services.save_notes(
        convening=convening,
        notes=note,
        by=staff_user,
        texts={"key_points_en": "A government official said the pilot halved detention."},
    )
    services.publish_notes(notes=note, by=staff_user)
    note.refresh_from_db()
    assert note.status == NotesStatus.PUBLISHED
    assert note.published_by == staff_user
    actions = list(
        AuditEntry.objects.filter(object_id=str(note.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["notes.created", "notes.published", "notes.updated"]


def test_notes_of_a_convening_without_the_rule_publish_with_names(staff_user):
    convening = ConveningFactory(chatham_house=False)
    person = ParticipantFactory(full_name="Siriporn Wongsawat")
    InvitationFactory(convening=convening, participant=person)
    note = MeetingNoteFactory(convening=convening, key_points_en="Siriporn Wongsawat presented.")
    services.publish_notes(notes=note, by=staff_user)
    note.refresh_from_db()
    assert note.is_published


def test_editing_published_notes_makes_them_a_draft_again(staff_user):
    note = MeetingNoteFactory(status=NotesStatus.PUBLISHED)
    services.save_notes(
        convening=note.convening, notes=note, by=staff_user, texts={"key_points_en": "Changed."}
    )
    note.refresh_from_db()
    assert note.status == NotesStatus.DRAFT
    assert note.published_at is None


def test_owner_posts_progress_and_marks_done(participant):
    action = FollowUpActionFactory(owner=participant)
    services.add_action_update(
        action=action, by=participant.user, text="Draft sent to the ministry.", status="in_progress"
    )
    services.add_action_update(action=action, by=participant.user, text="", status="done")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.completed_at is not None
    assert [u.status for u in action.updates.all()] == ["done", "in_progress"]


def test_someone_else_cannot_update_an_action(participant):
    action = FollowUpActionFactory()  # owned by another participant
    with pytest.raises(PermissionDenied):
        services.add_action_update(action=action, by=participant.user, text="Me too")


def test_an_empty_update_is_refused(participant):
    action = FollowUpActionFactory(owner=participant)
    with pytest.raises(ValidationError):
        services.add_action_update(action=action, by=participant.user, text=" ", status="open")


def test_secretariat_actions_have_no_owner(staff_user):
    convening = ConveningFactory()
    action = services.create_action(convening=convening, title="Circulate the guide", by=staff_user)
    assert action.owner is None
    assert action.owned_by_secretariat is True


def test_an_owner_must_be_invited(staff_user):
    with pytest.raises(ValidationError):
        services.create_action(
            convening=ConveningFactory(), title="x", owner=ParticipantFactory(), by=staff_user
        )


def _attended(convening, **kwargs):
    person = ParticipantFactory(**kwargs)
    InvitationFactory(convening=convening, participant=person, status="attended")
    return person


def test_anonymous_feedback_has_no_stored_link_to_its_author():
    convening = past_convening()
    session = AgendaSessionFactory(convening=convening)
    person = _attended(convening, full_name="Feedback Giver")
    person.user = UserFactory()
    person.save()

    response = services.submit_feedback(
        convening=convening,
        participant=person,
        ratings={session.pk: 4},
        what_to_change="More time in small groups.",
        priorities="Screening of children at the border.",
    )

    # The model itself has no way to point at a person or account.
    names = {f.name for f in FeedbackResponse._meta.get_fields()}
    assert names == {"id", "convening", "what_to_change", "priorities", "submitted_on", "ratings"}
    for model in (FeedbackResponse, SessionRating):
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        assert related.isdisjoint({type(person), type(person.user)})
    # The stored row: nothing but the convening, the answers and the date.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM engagement_feedbackresponse WHERE id = %s", [response.pk.hex])
        columns = [c[0] for c in cursor.description]
        row = cursor.fetchone()
    assert columns == ["id", "what_to_change", "priorities", "submitted_on", "convening_id"]
    values = [str(v) for v in row]
    for identifying in (str(person.pk), str(person.user.pk), person.email, "Feedback Giver"):
        assert identifying not in values[1:4]
    assert len(str(row[3])) == 10  # a date, not a timestamp
    # Who answered is known only from the receipt, which has no link to the response.
    receipt = FeedbackReceipt.objects.get()
    assert receipt.participant == person
    receipt_fields = {f.name for f in FeedbackReceipt._meta.get_fields()}
    assert receipt_fields == {"id", "convening", "participant"}


def test_feedback_is_given_once():
    convening = past_convening()
    person = _attended(convening)
    services.submit_feedback(convening=convening, participant=person, ratings={}, priorities="x")
    with pytest.raises(services.FeedbackAlreadyGivenError):
        services.submit_feedback(
            convening=convening, participant=person, ratings={}, priorities="y"
        )
    assert FeedbackResponse.objects.count() == 1


@pytest.mark.parametrize(
    "answers",
    [
        {"ratings": {}},
        {"ratings": {}, "what_to_change": "  \n ", "priorities": "\t"},
    ],
    ids=["nothing", "only-spaces"],
)
def test_empty_feedback_is_refused_and_does_not_count_as_given(answers):
    convening = past_convening()
    person = _attended(convening)
    with pytest.raises(ValidationError) as caught:
        services.submit_feedback(convening=convening, participant=person, **answers)
    assert caught.value.code == "empty"
    assert FeedbackResponse.objects.count() == 0
    assert FeedbackReceipt.objects.count() == 0
    # The real feedback afterwards is taken.
    services.submit_feedback(
        convening=convening, participant=person, ratings={}, what_to_change="Shorter days."
    )
    assert FeedbackReceipt.objects.filter(participant=person).count() == 1


def test_only_attendees_give_feedback():
    convening = past_convening()
    declined = ParticipantFactory()
    InvitationFactory(convening=convening, participant=declined, status="declined")
    with pytest.raises(PermissionDenied):
        services.submit_feedback(convening=convening, participant=declined, ratings={})


def test_ratings_must_be_for_this_convenings_sessions():
    convening = past_convening()
    person = _attended(convening)
    elsewhere = AgendaSessionFactory()
    with pytest.raises(ValidationError):
        services.submit_feedback(convening=convening, participant=person, ratings={elsewhere.pk: 3})
    assert FeedbackResponse.objects.count() == 0
    assert FeedbackReceipt.objects.count() == 0


def test_pausing_is_audited(staff_user):
    convening = ConveningFactory()
    services.pause_followups(convening=convening, paused=True, by=staff_user)
    convening.refresh_from_db()
    assert convening.followups_paused is True
    entry = AuditEntry.objects.get(object_id=str(convening.pk))
    assert entry.action == "convening.followups_paused"
    assert entry.changes == {"followups_paused": [False, True]}
