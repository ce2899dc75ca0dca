"""Calendar files (.ics) for a participant's convening: never lists any attendee.

Timed events are written in UTC ("20270111T200000Z"): every calendar program reads a UTC
time the same way and shows it in its user's own zone. (A TZID with a VTIMEZONE is the
other option RFC 5545 gives; the VTIMEZONE icalendar writes lists transitions as RDATEs,
which vobject and Outlook read wrong, so a Wellington 09:00 landed at 08:00.) The venue's
own wall-clock time and zone are written in each description ("09:00-10:30 NZDT,
Pacific/Auckland"), so the file also says what the venue's clocks show. UIDs are stable (kind, id, host); SEQUENCE is the convening's, which grows with
every change, so a program that already holds the event replaces it. A cancelled
convening's files say STATUS:CANCELLED.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Convening


def _uid(kind: str, pk: int) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"{kind}-{pk}@{host}"


def _location(convening: Convening) -> str:
    return convening.place(venue=True, address=True)


def _venue_time(start: dt.datetime, end: dt.datetime, convening: Convening) -> str:
    """ "12 Jan 2027 09:00 - 13 Jan 2027 17:00 NZDT (Pacific/Auckland)": venue wall clock."""
    zone = convening.zone
    start, end = start.astimezone(zone), end.astimezone(zone)
    if start.date() == end.date():
        span = f"{start:%Y-%m-%d %H:%M}-{end:%H:%M} {end.tzname()}"
    else:
        span = f"{start:%Y-%m-%d %H:%M} {start.tzname()} - {end:%Y-%m-%d %H:%M} {end.tzname()}"
    return _("Venue time: %(span)s (%(zone)s)") % {"span": span, "zone": convening.time_zone}


def _common(event: Event, *, convening: Convening, stamp: dt.datetime, url: str) -> None:
    event.add("dtstamp", stamp)
    event.add("last-modified", convening.updated_at or stamp)
    event.add("sequence", convening.sequence)
    event.add("status", "CANCELLED" if convening.is_cancelled else "CONFIRMED")
    event.add("location", _location(convening))
    event.add("url", url)


def convening_calendar(
    *, convening: Convening, sessions: list, per_session: bool, url: str
) -> bytes:
    """One event for the convening, or one timed event per agenda session.

    The whole-convening event runs from the first session's start to the last one's end
    in the venue's zone; without an agenda it is all-day from the first to the last day.
    Titles come in the active language (modeltranslation falls back to English)."""
    cal = Calendar()
    cal.add("prodid", "-//Regional Peer Learning Platform//convenings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    stamp = timezone.now()
    note = _("Held under the Chatham House Rule.") if convening.chatham_house else ""
    cancelled = _("This convening is cancelled.") if convening.is_cancelled else ""
    if per_session and sessions:
        for session in sessions:
            event = Event()
            event.add("uid", _uid("session", session.pk))
            event.add("dtstart", session.starts_at.astimezone(dt.UTC))
            event.add("dtend", session.ends_at.astimezone(dt.UTC))
            event.add("summary", f"{session.title} · {convening.title}")
            when = _venue_time(session.starts_at, session.ends_at, convening)
            description = "\n\n".join(
                p for p in (cancelled, when, session.description, note, url) if p
            )
            event.add("description", description)
            _common(event, convening=convening, stamp=stamp, url=url)
            cal.add_component(event)
    else:
        event = Event()
        event.add("uid", _uid("convening", convening.pk))
        when = ""
        if sessions:
            first = min(s.starts_at for s in sessions)
            last = max(s.ends_at for s in sessions)
            event.add("dtstart", first.astimezone(dt.UTC))
            event.add("dtend", last.astimezone(dt.UTC))
            when = _venue_time(first, last, convening)
        else:
            event.add("dtstart", convening.start_date)
            event.add("dtend", convening.end_date + dt.timedelta(days=1))
        event.add("summary", convening.title)
        event.add("description", "\n\n".join(p for p in (cancelled, when, note, url) if p))
        _common(event, convening=convening, stamp=stamp, url=url)
        cal.add_component(event)
    return cal.to_ical()
