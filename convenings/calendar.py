"""Calendar files (.ics) for a participant's convening: never lists any attendee."""

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
    if convening.format == "online":
        return _("Online")
    return ", ".join(part for part in (convening.city, convening.host_country.name) if part)


def convening_calendar(
    *, convening: Convening, sessions: list, per_session: bool, url: str
) -> bytes:
    """One all-day event for the convening, or one timed event per agenda session.

    Titles come in the active language (modeltranslation falls back to English)."""
    cal = Calendar()
    cal.add("prodid", "-//Regional Peer Learning Platform//convenings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = timezone.now()
    note = _("Held under the Chatham House Rule.") if convening.chatham_house else ""
    if per_session and sessions:
        for session in sessions:
            event = Event()
            event.add("uid", _uid("session", session.pk))
            event.add("dtstamp", stamp)
            event.add("dtstart", session.starts_at)
            event.add("dtend", session.ends_at)
            event.add("summary", f"{session.title} · {convening.title}")
            description = "\n\n".join(p for p in (session.description, note, url) if p)
            event.add("description", description)
            event.add("location", _location(convening))
            event.add("url", url)
            cal.add_component(event)
    else:
        event = Event()
        event.add("uid", _uid("convening", convening.pk))
        event.add("dtstamp", stamp)
        event.add("dtstart", convening.start_date)
        event.add("dtend", convening.end_date + dt.timedelta(days=1))
        event.add("summary", convening.title)
        event.add("description", "\n\n".join(p for p in (note, url) if p))
        event.add("location", _location(convening))
        event.add("url", url)
        cal.add_component(event)
    return cal.to_ical()
