"""Venue time: a Wellington convening's 09:00 is 09:00 in Wellington everywhere a person
reads it (staff agenda, portal, both calendar files, the invitation e-mail), a reader in
Bangkok sees their own time beside it, and new dates or a cancellation reach every
invitee once with a calendar file that replaces the old one.

Calendar files are read by two independent parsers: icalendar (which writes them) and
vobject (which shares no code with it).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import vobject
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from convenings import selectors, services
from convenings.models import AgendaSession, ConveningNotice, ConveningStatus, NoticeKind
from tests import factories

from .factories import open_convening

pytestmark = pytest.mark.django_db

AUCKLAND = zoneinfo.ZoneInfo("Pacific/Auckland")
UTC = dt.UTC


def next_nz_summer_day() -> dt.date:
    """12 January next year: New Zealand daylight time (NZDT, UTC+13)."""
    return dt.date(timezone.localdate().year + 1, 1, 12)


def nz_dst_end_sunday() -> dt.date:
    """The first Sunday of April next year: at 03:00 NZDT clocks go back to 02:00 NZST."""
    first = dt.date(timezone.localdate().year + 1, 4, 1)
    return first + dt.timedelta(days=(6 - first.weekday()) % 7)


@pytest.fixture
def new_zealand(db):
    return factories.CountryFactory(code="NZ")


@pytest.fixture
def wellington(new_zealand):
    day = next_nz_summer_day()
    return open_convening(
        title="Wellington convening",
        host_country=new_zealand,
        city="Wellington",
        time_zone="Pacific/Auckland",
        start_date=day,
        end_date=day + dt.timedelta(days=1),
    )


@pytest.fixture
def bangkok_invitee(wellington, participant):
    participant.time_zone = "Asia/Bangkok"
    participant.save()
    return factories.InvitationFactory(convening=wellington, participant=participant)


def add_session_through_staff_form(staff_client, convening, *, start, end, **extra):
    data = {
        "starts_at": start,
        "ends_at": end,
        "kind": "presentation",
        "title_en": extra.pop("title", "Opening"),
        **extra,
    }
    return staff_client.post(reverse("convenings:staff-agenda", args=[convening.pk]), data)


def ics(client, convening, per_session: bool) -> bytes:
    url = reverse("convenings:portal-calendar", args=[convening.pk])
    response = client.get(url + ("?per=session" if per_session else ""))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_both(body: bytes | str) -> list[dict]:
    """Each VEVENT as both parsers read it: their starts must be the same instants."""
    body = body.encode() if isinstance(body, str) else body
    by_icalendar = [
        {
            "uid": str(e["uid"]),
            "start": e.decoded("dtstart"),
            "end": e.decoded("dtend"),
            "sequence": int(e["sequence"]),
            "status": str(e["status"]),
        }
        for e in Calendar.from_ical(body).walk("VEVENT")
    ]
    parsed = vobject.readOne(body.decode())
    by_vobject = [
        {
            "uid": e.uid.value,
            "start": e.dtstart.value,
            "end": e.dtend.value,
            "sequence": int(e.sequence.value),
            "status": e.status.value,
        }
        for e in parsed.vevent_list
    ]
    assert len(by_icalendar) == len(by_vobject)
    for one, other in zip(by_icalendar, by_vobject, strict=True):
        assert one["uid"] == other["uid"]
        assert one["start"] == other["start"]  # the same instant
        assert one["end"] == other["end"]
        assert one["sequence"] == other["sequence"]
        assert one["status"] == other["status"]
    return by_icalendar


# --- 09:00 in Wellington everywhere ---------------------------------------------------------


def _a_week_later(convening, *, move_agenda: bool, by):
    """The convening's dates moved seven days on, its agenda with them or left behind."""
    services.update_convening(
        convening=convening,
        fields={
            "start_date": convening.start_date + dt.timedelta(days=7),
            "end_date": convening.end_date + dt.timedelta(days=7),
        },
        move_agenda=move_agenda,
        by=by,
    )


def test_wellington_session_is_0900_nzdt_everywhere(
    staff_client, participant_client, wellington, bangkok_invitee, mailoutbox
):
    day = wellington.start_date
    response = add_session_through_staff_form(
        staff_client, wellington, start=f"{day}T09:00", end=f"{day}T10:30"
    )
    assert response.status_code == 302
    session = AgendaSession.objects.get(convening=wellington)
    # Stored as the instant: 09:00 NZDT is 20:00 UTC the day before.
    assert session.starts_at == dt.datetime.combine(day, dt.time(9), tzinfo=AUCKLAND)
    assert session.starts_at.astimezone(UTC).hour == 20

    staff_page = staff_client.get(reverse("convenings:staff-agenda", args=[wellington.pk]))
    assert "09:00" in staff_page.text
    assert "10:30 NZDT" in staff_page.text
    assert "Pacific/Auckland" in staff_page.text

    portal = participant_client.get(reverse("convenings:portal-detail", args=[wellington.pk]))
    text = portal.text
    assert "09:00" in text
    assert "10:30 NZDT" in text
    # The Bangkok reader's own time beside it: 09:00 NZDT is 03:00 in Bangkok.
    assert "03:00\u201304:30 your time" in text

    for per_session in (False, True):
        (event,) = read_both(ics(participant_client, wellington, per_session))
        assert event["start"] == dt.datetime.combine(day, dt.time(9), tzinfo=AUCKLAND)
        assert event["start"].astimezone(AUCKLAND).strftime("%H:%M") == "09:00"
        assert event["start"].astimezone(zoneinfo.ZoneInfo("Asia/Bangkok")).hour == 3
    raw = ics(participant_client, wellington, per_session=True).decode()
    # In UTC, which every client reads alike, with the venue's own time in the description.
    previous_day = day - dt.timedelta(days=1)
    assert f"DTSTART:{previous_day:%Y%m%d}T200000Z" in raw
    assert f"Venue time: {day:%Y-%m-%d} 09:00-10:30 NZDT (Pacific/Auckland)" in raw.replace(
        "\r\n ", ""
    )

    # The invitation e-mail says 09:00 NZDT, the reader's 03:00, and carries the .ics.
    services.send_invitation_email(invitation=bangkok_invitee)
    (mail,) = mailoutbox
    assert "09:00 NZDT (Pacific/Auckland time)" in mail.body
    assert "That is 03:00 in your time zone (Asia/Bangkok)." in mail.body
    (attachment,) = mail.attachments
    name, content, mimetype = attachment
    assert (name, mimetype) == ("convening.ics", "text/calendar")
    (event,) = read_both(content)
    assert event["start"] == dt.datetime.combine(day, dt.time(9), tzinfo=AUCKLAND)


def test_reader_in_the_venue_zone_sees_no_second_time(participant_client, participant, wellington):
    participant.time_zone = "Pacific/Auckland"
    participant.save()
    factories.InvitationFactory(convening=wellington, participant=participant)
    factories.AgendaSessionFactory(convening=wellington)
    page = participant_client.get(reverse("convenings:portal-detail", args=[wellington.pk]))
    assert "09:00" in page.text
    assert "your time" not in page.text


def test_uid_stable_and_sequence_grows_with_every_change(
    staff_user, participant_client, wellington, bangkok_invitee
):
    session = factories.AgendaSessionFactory(convening=wellington)
    first = read_both(ics(participant_client, wellington, per_session=True))[0]
    services.update_agenda_session(
        session=session, fields={"ends_at": session.ends_at + dt.timedelta(hours=1)}, by=staff_user
    )
    second = read_both(ics(participant_client, wellington, per_session=True))[0]
    services.update_convening(convening=wellington, fields={"city": "Lower Hutt"}, by=staff_user)
    third = read_both(ics(participant_client, wellington, per_session=True))[0]
    assert first["uid"] == second["uid"] == third["uid"]
    assert first["sequence"] < second["sequence"] < third["sequence"]


def test_convening_across_the_end_of_daylight_saving(participant_client, participant, new_zealand):
    sunday = nz_dst_end_sunday()
    convening = open_convening(
        host_country=new_zealand,
        city="Auckland",
        time_zone="Pacific/Auckland",
        start_date=sunday - dt.timedelta(days=1),
        end_date=sunday + dt.timedelta(days=1),
    )
    factories.InvitationFactory(convening=convening, participant=participant)
    for day in (convening.start_date, convening.end_date):
        factories.AgendaSessionFactory(
            convening=convening,
            starts_at=dt.datetime.combine(day, dt.time(9), tzinfo=AUCKLAND),
            ends_at=dt.datetime.combine(day, dt.time(10), tzinfo=AUCKLAND),
        )
    saturday, monday = read_both(ics(participant_client, convening, per_session=True))
    # Both 09:00 on the wall clock; one hour apart more in UTC (NZDT +13, then NZST +12).
    assert saturday["start"].astimezone(AUCKLAND).hour == 9
    assert monday["start"].astimezone(AUCKLAND).hour == 9
    assert saturday["start"].astimezone(UTC).hour == 20
    assert monday["start"].astimezone(UTC).hour == 21
    whole = read_both(ics(participant_client, convening, per_session=False))[0]
    assert whole["start"] == saturday["start"]
    assert whole["end"] == monday["end"]


# --- Bad input ---------------------------------------------------------------------------------


def test_overlap_in_same_room_is_a_warning_staff_can_confirm(staff_client, wellington):
    day = wellington.start_date
    add_session_through_staff_form(
        staff_client, wellington, start=f"{day}T09:00", end=f"{day}T10:00", room="Hall A"
    )
    response = add_session_through_staff_form(
        staff_client,
        wellington,
        start=f"{day}T09:30",
        end=f"{day}T10:30",
        room="Hall A",
        title="Clash",
    )
    assert response.status_code == 200
    assert "This overlaps “Opening” (09:00-10:00) in the same room or track." in response.text
    assert 'id="id_starts_at_error"' in response.text
    assert 'name="keep_overlap"' in response.text
    assert AgendaSession.objects.filter(convening=wellington).count() == 1
    # Another room is not an overlap; confirming keeps the clash.
    assert (
        add_session_through_staff_form(
            staff_client,
            wellington,
            start=f"{day}T09:30",
            end=f"{day}T10:30",
            room="Hall B",
            title="Parallel",
        ).status_code
        == 302
    )
    confirmed = add_session_through_staff_form(
        staff_client,
        wellington,
        start=f"{day}T09:30",
        end=f"{day}T10:30",
        room="Hall A",
        title="Clash",
        keep_overlap="on",
    )
    assert confirmed.status_code == 302
    assert AgendaSession.objects.filter(convening=wellington).count() == 3


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        ("T10:00", "T09:00", "ends_at", "A session must end after it starts."),
        ("", "", "starts_at", "The session must fall within the convening&#x27;s dates."),
    ],
)
def test_bad_session_times_are_refused_next_to_the_field(
    staff_client, wellington, start, end, field, message
):
    day = wellington.start_date if start else wellington.end_date + dt.timedelta(days=3)
    response = add_session_through_staff_form(
        staff_client,
        wellington,
        start=f"{day}{start or 'T09:00'}",
        end=f"{day}{end or 'T10:00'}",
    )
    assert response.status_code == 200
    errors = response.text.split(f'id="id_{field}_error"')[1].split("</ul>")[0]
    assert message in errors
    assert not AgendaSession.objects.filter(convening=wellington).exists()


def test_bad_input_messages_are_translated(staff_client, staff_user, wellington):
    staff_user.language = "th"
    staff_user.save()
    day = wellington.start_date
    response = add_session_through_staff_form(
        staff_client, wellington, start=f"{day}T10:00", end=f"{day}T09:00"
    )
    assert "A session must end after it starts." not in response.text
    assert "เวลาสิ้นสุดของช่วงต้องอยู่หลังเวลาเริ่มต้น" in response.text


def test_unknown_zone_is_refused(staff_client, staff_user, wellington):
    data = {
        "title_en": "Wellington convening",
        "host_country": wellington.host_country_id,
        "city": "Wellington",
        "time_zone": "Mars/Olympus_Mons",
        "start_date": wellington.start_date,
        "end_date": wellington.end_date,
        "format": "in_person",
        "status": "open",
        "currency": "USD",
        "cost_travel": 0,
        "cost_venue": 0,
        "cost_interpretation": 0,
        "cost_other": 0,
    }
    response = staff_client.post(reverse("convenings:staff-edit", args=[wellington.pk]), data)
    assert response.status_code == 200
    errors = response.text.split('id="id_time_zone_error"')[1].split("</ul>")[0]
    assert "Unknown time zone “Mars/Olympus_Mons”" in errors
    with pytest.raises(ValidationError) as exc:
        services.update_convening(
            convening=wellington, fields={"time_zone": "Mars/Olympus_Mons"}, by=staff_user
        )
    assert "time_zone" in exc.value.message_dict
    wellington.refresh_from_db()
    assert wellington.time_zone == "Pacific/Auckland"


def test_zone_is_proposed_from_country_and_city(staff_user, db):
    australia = factories.CountryFactory(code="AU")
    start = timezone.localdate() + dt.timedelta(days=40)
    made = {
        city: services.create_convening(
            fields={
                "title_en": f"In {city}",
                "host_country": australia,
                "city": city,
                "time_zone": "",
                "start_date": start,
                "end_date": start,
            },
            by=staff_user,
        ).time_zone
        for city in ("Perth", "Melbourne", "Canberra", "Darwin")
    }
    assert made == {
        "Perth": "Australia/Perth",
        "Melbourne": "Australia/Melbourne",
        "Canberra": "Australia/Sydney",
        "Darwin": "Australia/Darwin",
    }


# --- Rescheduling and cancelling -----------------------------------------------------------


def edit_data(convening, **changes):
    data = {
        "title_en": convening.title_en or convening.title,
        "host_country": convening.host_country_id,
        "city": convening.city,
        "time_zone": convening.time_zone,
        "start_date": convening.start_date,
        "end_date": convening.end_date,
        "format": convening.format,
        "status": convening.status,
        "chatham_house": "on",
        "currency": "USD",
        "cost_travel": 0,
        "cost_venue": 0,
        "cost_interpretation": 0,
        "cost_other": 0,
    }
    data.update(changes)
    return data


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
    _a_week_later(wellington, move_agenda=False, by=staff_user)
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


# --- Existing data -----------------------------------------------------------------------------


def test_migration_keeps_stored_times_as_the_same_wall_clock_in_the_new_zone(new_zealand):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("convenings.migrations.0004_venue_zones_from_place")
    day = next_nz_summer_day()
    convening = open_convening(
        host_country=new_zealand,
        city="Wellington",
        time_zone="Asia/Bangkok",
        start_date=day,
        end_date=day,
    )
    bangkok = zoneinfo.ZoneInfo("Asia/Bangkok")
    session = factories.AgendaSessionFactory(
        convening=convening,
        starts_at=dt.datetime.combine(day, dt.time(9), tzinfo=bangkok),
        ends_at=dt.datetime.combine(day, dt.time(10), tzinfo=bangkok),
    )
    migration.forwards(apps, None)
    convening.refresh_from_db()
    session.refresh_from_db()
    assert convening.time_zone == "Pacific/Auckland"
    assert session.starts_at == dt.datetime.combine(day, dt.time(9), tzinfo=AUCKLAND)
    assert session.ends_at == dt.datetime.combine(day, dt.time(10), tzinfo=AUCKLAND)


def test_reports_helper_names_the_venue_dates_and_zone(wellington):
    day = wellington.start_date
    assert selectors.venue_dates_label(wellington) == (
        f"{day.day} Jan {day.year} - {day.day + 1} Jan {day.year} (Pacific/Auckland)"
    )


def test_replies_close_when_the_last_day_has_passed_at_the_venue(new_zealand):
    from convenings.permissions import convening_takes_replies

    # Late on the last day in Bangkok is already the next day in Auckland.
    convening = open_convening(host_country=new_zealand, time_zone="Pacific/Auckland")
    last_evening_bangkok = dt.datetime.combine(
        convening.end_date, dt.time(22), tzinfo=zoneinfo.ZoneInfo("Asia/Bangkok")
    )
    with timezone.override("Asia/Bangkok"):
        from unittest import mock

        with mock.patch("django.utils.timezone.now", return_value=last_evening_bangkok):
            assert convening_takes_replies(convening=convening) is False
        with mock.patch(
            "django.utils.timezone.now", return_value=last_evening_bangkok - dt.timedelta(hours=8)
        ):
            assert convening_takes_replies(convening=convening) is True


def test_online_convening_says_which_zone_its_times_are_in(participant_client, participant, db):
    indonesia = factories.CountryFactory(code="ID")
    convening = open_convening(
        host_country=indonesia, city="", format="online", time_zone="Asia/Jakarta"
    )
    factories.InvitationFactory(convening=convening, participant=participant)
    factories.AgendaSessionFactory(convening=convening)
    page = participant_client.get(reverse("convenings:portal-detail", args=[convening.pk]))
    assert "Times are given in Asia/Jakarta time (WIB)." in page.text
    assert "10:00 WIB" in page.text


def test_online_convening_must_choose_a_zone(staff_client, db):
    country = factories.CountryFactory(code="ID")
    start = timezone.localdate() + dt.timedelta(days=20)
    response = staff_client.post(
        reverse("convenings:staff-create"),
        {
            "create_key": "8c5b2a52-3f0e-4a4e-9a57-0b9f3c1d2e01",  # the form's one-time key
            "title_en": "Online check-in",
            "host_country": country.pk,
            "time_zone": "",
            "start_date": start,
            "end_date": start,
            "format": "online",
            "status": "planned",
            "currency": "USD",
            "cost_travel": 0,
            "cost_venue": 0,
            "cost_interpretation": 0,
            "cost_other": 0,
        },
    )
    assert response.status_code == 200
    errors = response.text.split('id="id_time_zone_error"')[1].split("</ul>")[0]
    assert "An online convening has no venue" in errors


def test_staff_forms_read_and_show_venue_time(staff_client, wellington):
    day = wellington.start_date
    session = factories.AgendaSessionFactory(convening=wellington, title="Opening")
    edit = staff_client.get(
        reverse("convenings:staff-session-edit", args=[wellington.pk, session.pk])
    )
    assert f'value="{day}T09:00"' in edit.text
    assert "Times are in the venue's time zone, Pacific/Auckland." in edit.text
    # A site visit's times are the venue's too.
    response = staff_client.post(
        reverse("convenings:staff-site-visits", args=[wellington.pk]),
        {
            "programme_en": "Community placement",
            "place": "Porirua",
            "date": day,
            "add_session": "on",
            "session_starts": "13:00",
            "session_ends": "16:00",
        },
    )
    assert response.status_code == 302
    visit_session = AgendaSession.objects.get(convening=wellington, kind="site_visit")
    assert visit_session.starts_at == dt.datetime.combine(day, dt.time(13), tzinfo=AUCKLAND)


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
        _a_week_later(wellington, move_agenda=True, by=staff_user)
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
        _a_week_later(wellington, move_agenda=False, by=staff_user)
        services.update_convening(
            convening=wellington, fields={"status": ConveningStatus.CANCELLED}, by=staff_user
        )
    assert [m.subject for m in mailoutbox] == ["Cancelled: Wellington convening"]
    moved = ConveningNotice.objects.get(kind=NoticeKind.RESCHEDULED)
    assert moved.superseded is True
    overview = staff_client.get(reverse("convenings:staff-detail", args=[wellington.pk]))
    assert "Not sent: a later notice replaced it" in overview.text
