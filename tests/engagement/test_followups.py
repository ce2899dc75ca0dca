"""The follow-up schedule: each message at most once, in the person's language, never when paused."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from engagement import followups, services
from engagement.models import FollowUpMessage, MessageKind, MessageStatus, NotesStatus
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory, past_convening
from tests.factories import ConveningFactory, InvitationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def _run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return followups.run_schedule(**kwargs)

    return _run


@pytest.fixture
def ended():
    """A Chatham House convening that ended FOLLOWUP_AFTER_CONVENING_DAYS ago, with notes."""
    convening = past_convening(days_ago=3, title="Bangkok regional convening")
    convening.title_th = "การประชุมระดับภูมิภาคกรุงเทพฯ"
    convening.save()
    MeetingNoteFactory(
        convening=convening,
        status=NotesStatus.PUBLISHED,
        key_points_en="Case management works.",
        key_points_th="การจัดการรายกรณีได้ผล",
    )
    return convening


def attend(convening, status="attended", **kwargs):
    person = ParticipantFactory(**kwargs)
    InvitationFactory(convening=convening, participant=person, status=status)
    return person


def test_each_attendee_gets_exactly_one_followup_in_their_language(run, ended, mailoutbox):
    thai = attend(ended, preferred_language="th", email="thai@example.org")
    english = attend(ended, preferred_language="en", email="english@example.org")
    attend(ended, status="declined")
    attend(ended, status="no_show")
    FollowUpActionFactory(convening=ended, owner=thai, title="Translate the screening guide")

    result = run()

    assert result.created[MessageKind.FOLLOWUP] == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["english@example.org", "thai@example.org"]
    to_thai = next(m for m in mailoutbox if m.to == ["thai@example.org"])
    assert "การประชุมระดับภูมิภาคกรุงเทพฯ" in to_thai.subject
    assert "การจัดการรายกรณีได้ผล" in to_thai.body
    assert "Translate the screening guide" in to_thai.body
    assert f"/portal/convenings/{ended.pk}/feedback/" in to_thai.body
    to_english = next(m for m in mailoutbox if m.to == ["english@example.org"])
    assert "Case management works." in to_english.body
    assert "Translate the screening guide" not in to_english.body  # not their action
    sent = FollowUpMessage.objects.filter(kind=MessageKind.FOLLOWUP)
    assert {(m.participant_id, m.language, m.status) for m in sent} == {
        (thai.pk, "th", MessageStatus.SENT),
        (english.pk, "en", MessageStatus.SENT),
    }
    assert all(m.sent_at is not None for m in sent)


def test_accepted_count_as_attendees_while_attendance_is_not_recorded(run, ended, mailoutbox):
    attend(ended, status="accepted", email="accepted@example.org")
    attend(ended, status="invited")
    run()
    assert [m.to for m in mailoutbox] == [["accepted@example.org"]]


def test_running_the_schedule_twice_sends_nothing_new(run, ended, mailoutbox):
    attend(ended)
    attend(ended)
    owner = attend(ended)
    FollowUpActionFactory(
        convening=ended, owner=owner, due_date=timezone.localdate() + dt.timedelta(days=2)
    )
    upcoming = ConveningFactory(start_date=timezone.localdate() + dt.timedelta(days=10))
    InvitationFactory(convening=upcoming)

    first = run()
    assert first.total == 5  # 3 follow-ups, 1 due reminder, 1 RSVP reminder
    assert len(mailoutbox) == 5
    second = run()
    assert second.total == 0
    assert len(mailoutbox) == 5
    assert FollowUpMessage.objects.count() == 5


def test_the_command_runs_the_schedule_and_twice_adds_nothing(
    ended, mailoutbox, django_capture_on_commit_callbacks
):
    attend(ended)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_followups", stdout=io.StringIO())
        call_command("run_followups", stdout=io.StringIO())
    assert len(mailoutbox) == 1


def test_a_paused_convening_sends_nothing(run, ended, mailoutbox):
    person = attend(ended)
    FollowUpActionFactory(
        convening=ended, owner=person, due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    upcoming = ConveningFactory(
        start_date=timezone.localdate() + dt.timedelta(days=10), followups_paused=True
    )
    InvitationFactory(convening=upcoming)
    services.pause_followups(convening=ended, paused=True)

    assert run().total == 0
    assert mailoutbox == []
    assert FollowUpMessage.objects.count() == 0


def test_pausing_after_queueing_skips_the_message(ended, mailoutbox):
    attend(ended)
    followups.run_schedule()  # rows created, sending deferred until commit
    services.pause_followups(convening=ended, paused=True)
    message = FollowUpMessage.objects.get()
    assert followups.send_message(message_id=message.pk) == MessageStatus.SKIPPED
    assert mailoutbox == []


def test_a_message_is_claimed_once(ended, mailoutbox):
    attend(ended)
    followups.run_schedule()
    message = FollowUpMessage.objects.get()
    assert followups.send_message(message_id=message.pk) == MessageStatus.SENT
    assert followups.send_message(message_id=message.pk) == "not-claimed"
    assert len(mailoutbox) == 1


def test_old_convenings_are_not_followed_up(run, mailoutbox):
    old = past_convening(days_ago=400)
    attend(old)
    too_recent = past_convening(days_ago=1)
    attend(too_recent)
    assert run().total == 0


def test_due_and_overdue_reminders_go_to_the_owner_once(run, mailoutbox):
    convening = ConveningFactory(
        start_date=timezone.localdate() - dt.timedelta(days=90),
        end_date=timezone.localdate() - dt.timedelta(days=89),
    )
    owner = attend(convening, email="owner@example.org", preferred_language="ms")
    today = timezone.localdate()
    due = FollowUpActionFactory(
        convening=convening, owner=owner, due_date=today + dt.timedelta(days=5)
    )
    overdue = FollowUpActionFactory(
        convening=convening, owner=owner, due_date=today - dt.timedelta(days=2)
    )
    FollowUpActionFactory(
        convening=convening, owner=owner, due_date=today - dt.timedelta(days=2), status="done"
    )
    FollowUpActionFactory(convening=convening, owner=owner, due_date=today + dt.timedelta(days=60))

    result = run()
    assert result.created[MessageKind.ACTION_DUE] == 1
    assert result.created[MessageKind.ACTION_OVERDUE] == 1
    kinds = dict(FollowUpMessage.objects.values_list("action_id", "kind"))
    assert kinds == {due.pk: "action_due", overdue.pk: "action_overdue"}
    assert all(m.to == ["owner@example.org"] for m in mailoutbox)
    # Malay text in the reminder
    assert any("Tindakan" in m.subject or "tindakan" in m.subject for m in mailoutbox)
    assert run().total == 0


def test_rsvp_reminder_only_for_people_who_have_not_replied(run, mailoutbox):
    upcoming = ConveningFactory(start_date=timezone.localdate() + dt.timedelta(days=14))
    waiting = ParticipantFactory(email="waiting@example.org")
    InvitationFactory(convening=upcoming, participant=waiting)
    InvitationFactory(convening=upcoming, status="accepted")
    far = ConveningFactory(start_date=timezone.localdate() + dt.timedelta(days=200))
    InvitationFactory(convening=far)

    run()
    assert [m.to for m in mailoutbox] == [["waiting@example.org"]]
    assert upcoming.invitations.get(participant=waiting).reminded_at is not None


def test_weekly_digest_once_per_staff_member(
    staff_user, admin_user, participant, mailoutbox, django_capture_on_commit_callbacks
):
    convening = past_convening(days_ago=60)
    owner = attend(convening, full_name="Overdue Owner")
    FollowUpActionFactory(
        convening=convening,
        owner=owner,
        title="Send the draft protocol",
        due_date=timezone.localdate() - dt.timedelta(days=20),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert followups.run_staff_digest() == 2
        assert followups.run_staff_digest() == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["admin@example.org", "staff@example.org"]
    assert "Send the draft protocol" in mailoutbox[0].body
    assert "Overdue Owner" in mailoutbox[0].body
