"""On-site check-in, the reads: the desk's days and sessions, search by name, live counts.

The desk is a staff page, so it finds every current invitee, hidden people included (staff
may check in a hidden person who shows the code on their phone). It shows each person by
the name on their badge, never by full name (a phone at a desk is read over shoulders):
the display name; and the organisation for named people only. A hidden person's display
name is shown to staff here with a "hidden" mark, and is never printed (printables.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from participants.models import Participant, Visibility

from .checkin import venue_today
from .models import AgendaSession, CheckIn, Convening, Invitation, InvitationStatus

# At most this many people answer one search (a desk types more letters to narrow it).
SEARCH_LIMIT = 20
EXPECTED = (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED)


def desk_days(convening: Convening) -> list[dt.date]:
    days = (convening.end_date - convening.start_date).days + 1
    return [convening.start_date + dt.timedelta(days=n) for n in range(max(days, 0))]


def default_day(convening: Convening) -> dt.date:
    """Today at the venue, within the convening's dates (its first or last day otherwise)."""
    return min(max(venue_today(convening), convening.start_date), convening.end_date)


def chosen_day(convening: Convening, value: str | None) -> dt.date:
    """The day asked for in the address, if it is one of the convening's days."""
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return default_day(convening)
    return day if convening.start_date <= day <= convening.end_date else default_day(convening)


def sessions_on(convening: Convening, day: dt.date) -> list[AgendaSession]:
    """The sessions of that day at the venue, in order (one query)."""
    zone = convening.zone
    return [
        session
        for session in convening.sessions.order_by("starts_at", "position", "pk")
        if timezone.localdate(session.starts_at, timezone=zone) == day
    ]


def badge_name(participant: Participant) -> str:
    """The name on the badge and at the desk: the display name (the pseudonym for
    pseudonymous people), never the full name of someone not named."""
    if participant.visibility == Visibility.NAMED:
        return participant.display_name or participant.full_name
    return participant.display_name


@dataclasses.dataclass(frozen=True)
class DeskRow:
    invitation: Invitation
    name: str
    organisation: str  # named people only
    visibility: str
    checked_in: bool


def _checked_in(day: dt.date, session: AgendaSession | None):
    rows = CheckIn.objects.filter(invitation=OuterRef("pk"), day=day)
    rows = rows.filter(session=session) if session else rows.filter(session__isnull=True)
    return Exists(rows)


def desk_row(invitation: Invitation, checked_in: bool) -> DeskRow:
    person = invitation.participant
    named = person.visibility == Visibility.NAMED
    return DeskRow(
        invitation=invitation,
        name=badge_name(person),
        organisation=person.organisation.name if named and person.organisation_id else "",
        visibility=person.visibility,
        checked_in=checked_in,
    )


def desk_search(
    *, convening: Convening, query: str, day: dt.date, session: AgendaSession | None = None
) -> list[DeskRow]:
    """Current invitees whose display or full name contains `query` (one query, at most
    SEARCH_LIMIT), each marked checked in or not for the day / session. Empty query: none."""
    query = " ".join(query.split())[:100]
    if not query:
        return []
    invitations = (
        Invitation.objects.filter(convening=convening, participant__is_active=True)
        .filter(
            Q(participant__display_name__icontains=query)
            | Q(participant__full_name__icontains=query)
        )
        .select_related("participant", "participant__organisation")
        .annotate(is_checked_in=_checked_in(day, session))
        .order_by("participant__display_name", "pk")[:SEARCH_LIMIT]
    )
    return [desk_row(i, i.is_checked_in) for i in invitations]


@dataclasses.dataclass(frozen=True)
class DeskCounts:
    checked_in: int  # checked in for the day (or the session)
    expected: int  # said yes (accepted, or attended)


def desk_counts(
    *, convening: Convening, day: dt.date, session: AgendaSession | None = None
) -> DeskCounts:
    """How many are checked in against how many said yes, in one query."""
    present = Q(invitations__check_ins__day=day) & (
        Q(invitations__check_ins__session=session)
        if session
        else Q(invitations__check_ins__session__isnull=True)
    )
    current = Q(invitations__withdrawn_at__isnull=True)
    counts = Convening.objects.filter(pk=convening.pk).aggregate(
        checked_in=Count("invitations", filter=current & present, distinct=True),
        expected=Count(
            "invitations", filter=current & Q(invitations__status__in=EXPECTED), distinct=True
        ),
    )
    return DeskCounts(checked_in=counts["checked_in"], expected=counts["expected"])


def check_ins_of(*, invitation: Invitation) -> list[CheckIn]:
    """This person's check-ins, newest first, with their session."""
    return list(invitation.check_ins.select_related("session"))
