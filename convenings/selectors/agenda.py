"""The agenda and site visits in the venue's zone, and the convening's dates as the venue has them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import QuerySet
from django.utils.formats import date_format

from participants.protection import withheld

from ..models import (
    AgendaSession,
    Convening,
    SiteVisit,
)


def agenda_by_day(
    *, convening: Convening, for_participants: bool = False
) -> list[tuple[dt.date, list[AgendaSession]]]:
    """The sessions grouped by day in the venue's zone, in order; days without sessions
    are left out. Each session is marked `outside` when its day is not one of the
    convening's days (left behind by a change of dates: a problem for staff to fix).

    `for_participants`: without the sessions withheld because they now identify someone
    (see participants.protection_services)."""
    zone = convening.zone
    days: dict[dt.date, list[AgendaSession]] = {}
    sessions = convening.sessions.select_related("site_visit")
    if for_participants:
        sessions = sessions.exclude(pk__in=withheld("convenings.agendasession"))
    for session in sessions.order_by("starts_at", "position", "pk"):
        day = session.starts_at.astimezone(zone).date()
        session.outside = not (convening.start_date <= day <= convening.end_date)
        days.setdefault(day, []).append(session)
    return sorted(days.items())


@dataclasses.dataclass(frozen=True)
class OutsideTheDates:
    """Sessions and site visits left outside the convening's days (see `outside_the_dates`)."""

    sessions: list[AgendaSession]
    visits: list[SiteVisit]
    total: int


def outside_the_dates(*, convening: Convening) -> OutsideTheDates:
    """Sessions and site visits whose day is not one of the convening's days."""
    zone = convening.zone
    sessions = [
        s
        for s in convening.sessions.order_by("starts_at", "pk")
        if not (convening.start_date <= s.starts_at.astimezone(zone).date() <= convening.end_date)
    ]
    visits = list(
        convening.site_visits.exclude(
            date__gte=convening.start_date, date__lte=convening.end_date
        ).order_by("date", "pk")
    )
    return OutsideTheDates(sessions=sessions, visits=visits, total=len(sessions) + len(visits))


def venue_dates_label(convening: Convening) -> str:
    """The convening's days as its venue's calendar has them, with the zone named:
    "12 Jan 2027 - 13 Jan 2027 (Pacific/Auckland)", in the active language. For reports
    and exports: `start_date`/`end_date` are venue dates, never converted to the reader's
    zone; session times come from `agenda_by_day` (venue zone)."""
    start = date_format(convening.start_date, "DATE_FORMAT")
    days = (
        start
        if convening.end_date == convening.start_date
        else f"{start} - {date_format(convening.end_date, 'DATE_FORMAT')}"
    )
    return f"{days} ({convening.time_zone})"


def site_visits(*, convening: Convening, for_participants: bool = False) -> QuerySet[SiteVisit]:
    visits = convening.site_visits.select_related("host_organisation", "session")
    if for_participants:
        visits = visits.exclude(pk__in=withheld("convenings.sitevisit"))
    return visits.order_by("date", "pk")
