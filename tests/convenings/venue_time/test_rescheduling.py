"""New dates or a cancellation reach every invitee once, in their language, with a calendar
file that replaces the old one; the agenda moves with the dates.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from convenings import selectors, services
from convenings.models import ConveningNotice, ConveningStatus, NoticeKind
from tests import factories
from tests.convenings.venue_time.calendars import (
    AUCKLAND,
    UTC,
    a_week_later,
    edit_data,
    ics,
    nz_dst_end_sunday,
    read_both,
)

pytestmark = pytest.mark.django_db


def test_postponing_moves_agenda_notifies_once_and_bumps_sequence(
    staff_client, participant_client, wellington, bangkok_invitee, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    thai = factories.ParticipantFactory(preferred_language="th", email="thai@example.org")
    factories.InvitationFactory(convening=wellington, participant=thai, status="accepted")
    factories.InvitationFactory(
        convening=wellington,
        participant=factories.ParticipantFactory(email="declined@example.org"),
        status="declined",
    )
    second_day = dt.datetime.combine(wellington.end_date, dt.time(9), tzinfo=AUCKLAND)
    session = factories.AgendaSessionFactory(
        convening=wellington,
        title="Opening",
        starts_at=second_day,
        ends_at=second_day + dt.timedelta(hours=1),
    )
    visit = factories.SiteVisitFactory(convening=wellington, date=wellington.end_date)
    before = read_both(ics(participant_client, wellington, per_session=True))[0]

    # Postponed from January (NZDT) to the weekend daylight saving ends: the second day,
    # Sunday, is in standard time (NZST) from 03:00.
    new_start = nz_dst_end_sunday() - dt.timedelta(days=1)
    new_end = new_start + dt.timedelta(days=1)
    url = reverse("convenings:staff-edit", args=[wellington.pk])
    data = edit_data(wellington, start_date=new_start, end_date=new_end)
    preview = staff_client.post(url, data)
    # One step with a preview: nothing moved yet, the new days are shown.
    assert preview.status_code == 200
    assert 'id="reschedule-preview"' in preview.text
    assert new_end.strftime("%a %-d %b %Y") + " 09:00 NZST" in preview.text
    assert '<input type="checkbox" name="move_agenda"' in preview.text
    assert 'id="id_move_agenda" checked>' in preview.text
    session.refresh_from_db()
    assert session.starts_at == second_day
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        notice = staff_client.post(url, {**data, "confirm_dates": "1", "move_agenda": "on"})
        assert "Check the notice of new dates before it goes out" in notice.text
        assert mailoutbox == []
        saved = staff_client.post(
            url, {**data, "confirm_dates": "1", "move_agenda": "on", "confirm": "1"}
        )
    assert saved.status_code == 302
    session.refresh_from_db()
    visit.refresh_from_db()
    # 09:00 stays 09:00 at the venue, now in standard time (UTC+12).
    assert session.starts_at == dt.datetime.combine(new_end, dt.time(9), tzinfo=AUCKLAND)
    assert session.starts_at.astimezone(UTC).hour == 21
    assert visit.date == new_end

    # Every invitee who has not declined is told once, in their language, with the .ics.
    assert sorted(m.to[0] for m in mailoutbox) == ["participant@example.org", "thai@example.org"]
    thai_mail = next(m for m in mailoutbox if m.to == ["thai@example.org"])
    assert "New dates" not in thai_mail.subject
    english = next(m for m in mailoutbox if m.to == ["participant@example.org"])
    assert english.subject == "New dates: Wellington convening"
    assert "09:00 NZST" in english.body
    (event,) = read_both(english.attachments[0][1])
    assert event["start"] == dt.datetime.combine(new_end, dt.time(9), tzinfo=AUCKLAND)
    after = read_both(ics(participant_client, wellington, per_session=True))[0]
    assert after["uid"] == before["uid"]
    assert after["sequence"] > before["sequence"]
    assert after["start"] == session.starts_at

    # Saving the same form again tells nobody anything new.
    with django_capture_on_commit_callbacks(execute=True):
        again = staff_client.post(
            url, {**data, "confirm_dates": "1", "move_agenda": "on", "confirm": "1"}
        )
    assert again.status_code == 302
    assert len(mailoutbox) == 2
    assert ConveningNotice.objects.filter(convening=wellington).count() == 2

    # Staff see who was told.
    overview = staff_client.get(reverse("convenings:staff-detail", args=[wellington.pk]))
    assert "Who was told of new dates or a cancellation" in overview.text
    assert thai.full_name in overview.text
    assert "declined@example.org" not in overview.text


def test_sessions_left_outside_new_dates_are_shown_as_a_problem(
    staff_client, staff_user, wellington
):
    factories.AgendaSessionFactory(convening=wellington, title="Stranded session")
    a_week_later(wellington, move_agenda=False, by=staff_user)
    outside = selectors.outside_the_dates(convening=wellington)
    assert [s.title for s in outside.sessions] == ["Stranded session"]
    for name in ("convenings:staff-agenda", "convenings:staff-detail"):
        page = staff_client.get(reverse(name, args=[wellington.pk]))
        assert "Outside the convening's dates" in page.text
        assert "Stranded session" in page.text.split('id="outside-heading"')[1]


def test_cancelling_sends_cancelled_calendar_and_closes_replies(
    staff_client, participant_client, wellington, bangkok_invitee, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    factories.AgendaSessionFactory(convening=wellington)
    url = reverse("convenings:staff-edit", args=[wellington.pk])
    with django_capture_on_commit_callbacks(execute=True):
        # The confirmation step first: nothing is saved or sent until it is confirmed.
        confirm = staff_client.post(url, edit_data(wellington, status="cancelled"))
    assert confirm.status_code == 200
    assert "Check the cancellation notice before it goes out" in confirm.text
    assert "Cancelled: Wellington convening" in confirm.text
    assert mailoutbox == []
    wellington.refresh_from_db()
    assert wellington.status != "cancelled"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url, {**edit_data(wellington, status="cancelled"), "confirm": "1"}
        )
        staff_client.post(url, {**edit_data(wellington, status="cancelled"), "confirm": "1"})
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.subject == "Cancelled: Wellington convening"
    (event,) = read_both(mail.attachments[0][1])
    assert event["status"] == "CANCELLED"
    for per_session in (False, True):
        (event,) = read_both(ics(participant_client, wellington, per_session))
        assert event["status"] == "CANCELLED"
    notice = ConveningNotice.objects.get()
    assert notice.kind == NoticeKind.CANCELLED
    # Replies are closed.
    reply = participant_client.get(reverse("convenings:portal-reply", args=[wellington.pk]))
    assert reply.status_code == 302
    wellington.refresh_from_db()
    assert wellington.status == ConveningStatus.CANCELLED


@pytest.mark.parametrize("language", ["en", "id", "ms", "th"])
def test_invitation_and_notices_in_each_language_carry_the_calendar(
    language, staff_user, wellington, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import translation

    person = factories.ParticipantFactory(preferred_language=language, time_zone="Asia/Bangkok")
    invitation = factories.InvitationFactory(convening=wellington, participant=person)
    factories.AgendaSessionFactory(convening=wellington)
    services.send_invitation_email(invitation=invitation)
    with django_capture_on_commit_callbacks(execute=True):
        a_week_later(wellington, move_agenda=True, by=staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_convening(
            convening=wellington, fields={"status": ConveningStatus.CANCELLED}, by=staff_user
        )
    invitation_mail, moved, cancelled = mailoutbox
    with translation.override(language):
        from django.utils.translation import gettext

        for mail, subject in (
            (moved, gettext("New dates: %(title)s")),
            (cancelled, gettext("Cancelled: %(title)s")),
        ):
            assert mail.subject == subject % {"title": wellington.title}
    assert "09:00 NZDT" in invitation_mail.body
    assert "03:00" in invitation_mail.body
    statuses = [read_both(m.attachments[0][1])[0]["status"] for m in mailoutbox]
    assert statuses == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    sequences = [read_both(m.attachments[0][1])[0]["sequence"] for m in mailoutbox]
    assert sequences[0] < sequences[1] < sequences[2]


def test_new_dates_overtaken_by_a_cancellation_are_not_sent(
    staff_user, staff_client, wellington, bangkok_invitee, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    # Both changes are saved before the worker gets to the first notice.
    with django_capture_on_commit_callbacks(execute=True):
        a_week_later(wellington, move_agenda=False, by=staff_user)
        services.update_convening(
            convening=wellington, fields={"status": ConveningStatus.CANCELLED}, by=staff_user
        )
    assert [m.subject for m in mailoutbox] == ["Cancelled: Wellington convening"]
    moved = ConveningNotice.objects.get(kind=NoticeKind.RESCHEDULED)
    assert moved.superseded is True
    overview = staff_client.get(reverse("convenings:staff-detail", args=[wellington.pk]))
    assert "Not sent: a later notice replaced it" in overview.text
