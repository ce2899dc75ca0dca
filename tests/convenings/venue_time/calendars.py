"""Helpers of the venue-time tests: New Zealand dates around daylight saving, a session
added through the staff form, the calendar files and their reading by two independent
parsers (icalendar, which writes them, and vobject, which shares no code with it), and the
convening form's data for a change of dates.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import vobject
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from convenings import services

AUCKLAND = zoneinfo.ZoneInfo("Pacific/Auckland")


UTC = dt.UTC


def next_nz_summer_day() -> dt.date:
    """12 January next year: New Zealand daylight time (NZDT, UTC+13)."""
    return dt.date(timezone.localdate().year + 1, 1, 12)


def nz_dst_end_sunday() -> dt.date:
    """The first Sunday of April next year: at 03:00 NZDT clocks go back to 02:00 NZST."""
    first = dt.date(timezone.localdate().year + 1, 4, 1)
    return first + dt.timedelta(days=(6 - first.weekday()) % 7)


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


def a_week_later(convening, *, move_agenda: bool, by):
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
