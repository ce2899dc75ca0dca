"""Services: convenings, invitations (with e-mail once, in the invitee's language), replies,
attendance, agenda and site visits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from convenings import services
from convenings.models import AgendaSession, Convening, Invitation, SessionKind
from convenings.tasks import send_invitation
from tests import factories

from .factories import open_convening, past_convening

pytestmark = pytest.mark.django_db


def test_create_convening_defaults_to_the_chatham_house_rule_and_is_audited(staff_user):
    country = factories.CountryFactory(code="TH")
    start = timezone.localdate() + dt.timedelta(days=10)
    convening = services.create_convening(
        fields={
            "title_en": "Regional convening",
            "title_th": "การประชุมระดับภูมิภาค",
            "host_country": country,
            "city": "Bangkok",
            "start_date": start,
            "end_date": start + dt.timedelta(days=1),
            "interpretation_languages": ["th"],
            "currency": "usd",
            "cost_travel": Decimal("1000"),
        },
        by=staff_user,
    )
    convening.refresh_from_db()
    assert convening.chatham_house is True
    assert convening.currency == "USD"
    assert convening.title_th == "การประชุมระดับภูมิภาค"
    entry = AuditEntry.objects.get(action="convening.created")
    assert entry.actor == staff_user
    assert entry.object_id == str(convening.pk)


def test_create_convening_refuses_an_end_before_the_start(staff_user):
    start = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.create_convening(
            fields={
                "title_en": "Backwards",
                "host_country": factories.CountryFactory(code="MY"),
                "start_date": start,
                "end_date": start - dt.timedelta(days=1),
            },
            by=staff_user,
        )
    assert "end_date" in exc.value.message_dict
    assert not Convening.objects.exists()


def test_update_convening_records_the_changed_fields(staff_user, convening):
    services.update_convening(convening=convening, fields={"city": "Chiang Mai"}, by=staff_user)
    entry = AuditEntry.objects.get(action="convening.updated")
    assert entry.changes == {"city": ["Bangkok", "Chiang Mai"]}


def test_invite_participants_skips_people_already_invited(
    staff_user, convening, mailoutbox, django_capture_on_commit_callbacks
):
    people = factories.ParticipantFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.invite_participants(
            convening=convening, participants=people[:2], by=staff_user
        )
    with django_capture_on_commit_callbacks(execute=True):
        second = services.invite_participants(
            convening=convening, participants=people, by=staff_user
        )
    assert len(first) == 2
    assert [i.participant for i in second] == [people[2]]
    assert Invitation.objects.filter(convening=convening).count() == 3
    assert AuditEntry.objects.filter(action="invitation.created").count() == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)


def test_invitation_email_is_in_the_invitees_language_and_sent_once(
    staff_user, convening, mailoutbox, django_capture_on_commit_callbacks
):
    convening.title_th = "การประชุมที่กรุงเทพฯ"
    convening.save()
    thai = factories.ParticipantFactory(preferred_language="th")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        [invitation] = services.invite_participants(
            convening=convening, participants=[thai], by=staff_user
        )
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "คำเชิญ: การประชุมที่กรุงเทพฯ"
    assert "กฎแชตัมเฮาส์" in mailoutbox[0].body
    # A second delivery of the same task finds the invitation claimed and sends nothing.
    send_invitation.delay(invitation_id=invitation.pk)
    assert len(mailoutbox) == 1
    invitation.refresh_from_db()
    assert invitation.invitation_sent_at is not None


def test_no_email_before_the_transaction_commits(
    staff_user, convening, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.invite_participants(
            convening=convening, participants=[factories.ParticipantFactory()], by=staff_user
        )
    assert len(callbacks) == 1
    assert mailoutbox == []


def test_reminders_go_only_to_the_picked_invitees_who_have_not_replied(
    staff_user, convening, mailoutbox, django_capture_on_commit_callbacks
):
    waiting, picked_but_replied, not_picked = (
        factories.InvitationFactory(convening=convening),
        factories.InvitationFactory(convening=convening, status="accepted"),
        factories.InvitationFactory(convening=convening),
    )
    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.send_reply_reminders(
            convening=convening, invitations=[waiting, picked_but_replied], by=staff_user
        )
    assert reminded.reminded == [waiting]
    assert [m.to for m in mailoutbox] == [[waiting.participant.email]]
    waiting.refresh_from_db()
    not_picked.refresh_from_db()
    assert waiting.reminded_at is not None
    assert not_picked.reminded_at is None


def test_reply_stores_the_needs_and_the_chatham_house_acceptance(invitation, participant_user):
    before = timezone.now()
    services.reply_to_invitation(
        invitation=invitation,
        accept=True,
        interpretation_language="th",
        access_needs="Step-free access",
        dietary_needs="Vegetarian",
        travel_support=True,
        priorities="Case management",
        accepted_chatham_house=True,
        by=participant_user,
    )
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert invitation.interpretation_language == "th"
    assert invitation.access_needs == "Step-free access"
    assert invitation.dietary_needs == "Vegetarian"
    assert invitation.travel_support is True
    assert invitation.priorities == "Case management"
    assert invitation.chatham_house_accepted_at >= before
    assert (
        AuditEntry.objects.filter(action="invitation.replied", actor=participant_user).count() == 1
    )


def test_accepting_under_the_chatham_house_rule_requires_agreeing(invitation):
    with pytest.raises(ValidationError) as exc:
        services.reply_to_invitation(invitation=invitation, accept=True)
    assert "accepted_chatham_house" in exc.value.message_dict
    invitation.refresh_from_db()
    assert invitation.status == "invited"
    assert invitation.chatham_house_accepted_at is None


def test_declining_needs_no_chatham_house_agreement_and_clears_needs(invitation):
    services.reply_to_invitation(
        invitation=invitation, accept=False, interpretation_language="th", access_needs="x"
    )
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert invitation.interpretation_language == ""
    assert invitation.access_needs == ""
    assert invitation.chatham_house_accepted_at is None


def test_interpretation_must_be_offered_at_the_convening(invitation):
    with pytest.raises(ValidationError) as exc:
        services.reply_to_invitation(
            invitation=invitation,
            accept=True,
            interpretation_language="ms",
            accepted_chatham_house=True,
        )
    assert "interpretation_language" in exc.value.message_dict


def test_a_held_convening_takes_no_replies(participant):
    invitation = factories.InvitationFactory(convening=past_convening(), participant=participant)
    with pytest.raises(ValidationError):
        services.reply_to_invitation(invitation=invitation, accept=False)


def test_attendance_only_after_the_start_and_audited(staff_user):
    upcoming = open_convening()
    early = factories.InvitationFactory(convening=upcoming, status="accepted")
    with pytest.raises(ValidationError):
        services.record_attendance(convening=upcoming, attended=[early], by=staff_user)
    held = past_convening()
    came, absent = factories.InvitationFactory.create_batch(2, convening=held, status="accepted")
    changed = services.record_attendance(
        convening=held, attended=[came], no_show=[absent, early], by=staff_user
    )
    assert changed == 2  # `early` belongs to another convening
    came.refresh_from_db()
    absent.refresh_from_db()
    early.refresh_from_db()
    assert (came.status, absent.status, early.status) == ("attended", "no_show", "accepted")
    assert AuditEntry.objects.filter(action="invitation.attendance").count() == 2


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def test_agenda_sessions_add_edit_move_and_delete(staff_user, convening):
    day = convening.start_date
    first = services.add_agenda_session(
        convening=convening,
        fields={
            "starts_at": _at(day, 9),
            "ends_at": _at(day, 10),
            "kind": SessionKind.PRESENTATION,
            "title_en": "Opening",
            "title_th": "พิธีเปิด",
        },
        by=staff_user,
    )
    second = services.add_agenda_session(
        convening=convening,
        fields={
            "starts_at": _at(day, 10, 30),
            "ends_at": _at(day, 12),
            "kind": SessionKind.GROUP_DISCUSSION,
            "title_en": "Groups",
        },
        by=staff_user,
    )
    services.update_agenda_session(
        session=first, fields={"facilitators": "Secretariat"}, by=staff_user
    )
    services.move_agenda_session(session=second, direction="up", by=staff_user)
    first.refresh_from_db()
    second.refresh_from_db()
    # The 90-minute session now opens the day; the 60-minute one follows after the same gap.
    assert (second.starts_at, second.ends_at) == (_at(day, 9), _at(day, 10, 30))
    assert (first.starts_at, first.ends_at) == (_at(day, 11), _at(day, 12))
    assert first.facilitators == "Secretariat"
    services.delete_agenda_session(session=first, by=staff_user)
    assert list(AgendaSession.objects.filter(convening=convening)) == [second]
    assert AuditEntry.objects.filter(action__startswith="agenda_session.").count() == 5


def test_a_session_outside_the_convening_dates_is_refused(staff_user, convening):
    later = convening.end_date + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        services.add_agenda_session(
            convening=convening,
            fields={
                "starts_at": _at(later, 9),
                "ends_at": _at(later, 10),
                "kind": SessionKind.BRIEFING,
                "title_en": "Too late",
            },
            by=staff_user,
        )
    assert "starts_at" in exc.value.message_dict


def test_a_site_visit_can_create_its_agenda_session(staff_user, convening):
    visit = services.create_site_visit(
        convening=convening,
        fields={
            "programme_en": "Community placement programme",
            "programme_th": "โครงการจัดหาที่พักในชุมชน",
            "place": "Bangkok",
            "date": convening.start_date,
        },
        session_times=(dt.time(14, 0), dt.time(17, 0)),
        by=staff_user,
    )
    session = visit.session
    assert session.kind == SessionKind.SITE_VISIT
    assert session.title_en == "Community placement programme"
    assert session.title_th == "โครงการจัดหาที่พักในชุมชน"
    assert timezone.localtime(session.starts_at).time() == dt.time(14, 0)
    services.delete_site_visit(visit=visit, by=staff_user)
    assert AgendaSession.objects.filter(pk=session.pk).exists()


def test_a_reminder_delivered_twice_is_sent_once(
    staff_user, convening, mailoutbox, django_capture_on_commit_callbacks
):
    from convenings.tasks import send_reply_reminder

    waiting = factories.InvitationFactory(convening=convening)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reply_reminders(convening=convening, invitations=[waiting], by=staff_user)
    requested_at = AuditEntry.objects.get(action="invitation.reminded").changes[
        "reminder_requested_at"
    ][1]
    send_reply_reminder.delay(invitation_id=waiting.pk, requested_at=requested_at)
    assert len(mailoutbox) == 1
    # A later request that asks to remind again is a new reminder.
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reply_reminders(
            convening=convening, invitations=[waiting], by=staff_user, again=True
        )
    assert len(mailoutbox) == 2


@pytest.fixture
def shy_invitees(convening):
    """A hidden and a pseudonymous invitee, and a named one who may be named."""
    from participants.models import Visibility

    hidden = factories.ParticipantFactory(
        full_name="Harun Hidayat", display_name="Harun H.", visibility=Visibility.HIDDEN
    )
    pseudo = factories.ParticipantFactory(
        full_name="Siti Rahmawati", display_name="River", visibility=Visibility.PSEUDONYMOUS
    )
    named = factories.ParticipantFactory(full_name="Nadia Named", display_name="Nadia Named")
    for person in (hidden, pseudo, named):
        factories.InvitationFactory(convening=convening, participant=person)
    return hidden, pseudo, named


def test_the_agenda_may_not_name_people_who_chose_not_to_be_named(
    staff_user, convening, shy_invitees
):
    day = convening.start_date
    fields = {
        "starts_at": _at(day, 9),
        "ends_at": _at(day, 10),
        "kind": SessionKind.PRESENTATION,
        "title_en": "Lived experience panel",
        "description_th": "ผู้ร่วมเสวนา: Siti Rahmawati",
        "facilitators": "Nadia Named and Harun Hidayat",
    }
    with pytest.raises(ValidationError) as exc:
        services.add_agenda_session(convening=convening, fields=fields, by=staff_user)
    errors = exc.value.message_dict
    assert set(errors) == {"facilitators", "description_th"}
    assert "Harun Hidayat" in errors["facilitators"][0]
    assert "Nadia" not in errors["facilitators"][0]
    assert "Siti Rahmawati" in errors["description_th"][0]
    assert not AgendaSession.objects.filter(convening=convening).exists()

    # The named person by name and the pseudonymous one by their pseudonym are fine.
    fields.update(facilitators="Nadia Named and River", description_th="ผู้ร่วมเสวนา: River")
    services.add_agenda_session(convening=convening, fields=fields, by=staff_user)
    assert AgendaSession.objects.filter(convening=convening).count() == 1


def test_a_site_visit_may_not_name_a_hidden_invitee(staff_user, convening, shy_invitees):
    with pytest.raises(ValidationError) as exc:
        services.create_site_visit(
            convening=convening,
            fields={
                "programme_en": "Community placement programme",
                "learning_en": "Harun Hidayat described his own case.",
                "place": "Bangkok",
                "date": convening.start_date,
            },
            session_times=None,
            by=staff_user,
        )
    assert list(exc.value.message_dict) == ["learning_en"]


def test_the_agenda_form_shows_the_problem_next_to_the_field(staff_client, convening, shy_invitees):
    response = staff_client.post(
        reverse("convenings:staff-agenda", args=[convening.pk]),
        {
            "starts_at": f"{convening.start_date}T09:00",
            "ends_at": f"{convening.start_date}T10:00",
            "kind": SessionKind.PRESENTATION,
            "title_en": "Panel",
            "facilitators": "Harun Hidayat",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Harun Hidayat" in form.errors["facilitators"][0]


def test_beat_sends_invitation_emails_whose_task_was_lost(staff_user, convening, mailoutbox):
    from convenings.tasks import requeue_unsent_invitations

    now = timezone.now()
    lost, fresh, stale, sent = (factories.InvitationFactory(convening=convening) for _ in range(4))
    ages = {
        lost.pk: services.UNSENT_AFTER + dt.timedelta(minutes=1),
        fresh.pk: dt.timedelta(minutes=1),  # its task may still be waiting in the queue
        stale.pk: services.RESEND_WITHIN + dt.timedelta(hours=1),  # for staff to look at
        sent.pk: dt.timedelta(hours=1),
    }
    for pk, age in ages.items():
        Invitation.objects.filter(pk=pk).update(invited_at=now - age)
    Invitation.objects.filter(pk=sent.pk).update(invitation_sent_at=now)
    cancelled = factories.InvitationFactory(convening=open_convening(status="cancelled"))
    Invitation.objects.filter(pk=cancelled.pk).update(invited_at=now - dt.timedelta(hours=1))

    assert requeue_unsent_invitations.delay().get() == 1
    assert [m.to for m in mailoutbox] == [[lost.participant.email]]
    # The next run finds nothing: the e-mail is recorded as sent.
    assert requeue_unsent_invitations.delay().get() == 0
