"""What the logistics tab and the exports for the people serving a meeting read
(branch logistics).

Identity protection: each export names a person only where its role needs to (an
individual dietary need, the room list, arrivals), and then as other participants would
see them: a named person by name, a pseudonymous one by pseudonym; a hidden person is
never named, only counted (`person_label` returns None for them)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet

from participants.models import Participant, Visibility

from ..models import AgendaSession, Convening, Invitation, InvitationStatus

COMING = (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED)


def person_label(participant: Participant) -> str | None:
    """How an export names this person: None for a hidden person (count them instead)."""
    if participant.visibility == Visibility.HIDDEN:
        return None
    if participant.visibility == Visibility.PSEUDONYMOUS:
        return participant.display_name
    return participant.display_name or participant.full_name


def coming(*, convening: Convening) -> QuerySet[Invitation]:
    """Who takes a place (accepted, or attended afterwards), with their participant."""
    return (
        Invitation.objects.filter(convening=convening, status__in=COMING)
        .select_related("participant")
        .order_by("participant__display_name", "pk")
    )


def waiting_place(*, invitation: Invitation) -> int | None:
    """This person's place on the waiting list (1 = next), or None when not on it."""
    if invitation.status != InvitationStatus.WAITLISTED:
        return None
    ahead = (
        Invitation.objects.filter(
            convening_id=invitation.convening_id,
            status=InvitationStatus.WAITLISTED,
            waitlisted_at__lt=invitation.waitlisted_at,
        ).count()
        if invitation.waitlisted_at
        else 0
    )
    return ahead + 1


def convening_days(convening: Convening) -> list[dt.date]:
    days = (convening.end_date - convening.start_date).days + 1
    return [convening.start_date + dt.timedelta(days=n) for n in range(days)]


def present_on(invitation: Invitation, day: dt.date, zone) -> bool:
    """At the venue that day, by the travel dates given (the whole convening without)."""
    arrival = invitation.arrival_at.astimezone(zone).date() if invitation.arrival_at else None
    departure = invitation.departure_at.astimezone(zone).date() if invitation.departure_at else None
    return (arrival is None or arrival <= day) and (departure is None or departure >= day)


def _need_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclasses.dataclass(frozen=True)
class DietLine:
    day: dt.date
    need: str
    count: int
    names: list[str]  # only for a need one person has; empty for a hidden one
    unnamed: int  # hidden people among `count`


@dataclasses.dataclass(frozen=True)
class CatererSheet:
    days: list[tuple[dt.date, int]]  # (day, people expected)
    lines: list[DietLine]


def caterer(*, convening: Convening, invitations: list[Invitation]) -> CatererSheet:
    zone = convening.zone
    days, lines = [], []
    for day in convening_days(convening):
        present = [i for i in invitations if present_on(i, day, zone)]
        days.append((day, len(present)))
        groups: dict[str, list[Invitation]] = defaultdict(list)
        shown: dict[str, str] = {}
        for invitation in present:
            if invitation.dietary_needs.strip():
                key = _need_key(invitation.dietary_needs)
                groups[key].append(invitation)
                shown.setdefault(key, " ".join(invitation.dietary_needs.split()))
        for key in sorted(groups):
            people = groups[key]
            labels = [person_label(i.participant) for i in people]
            individual = len(people) == 1
            lines.append(
                DietLine(
                    day=day,
                    need=shown[key],
                    count=len(people),
                    names=[label for label in labels if label] if individual else [],
                    unnamed=sum(1 for label in labels if label is None) if individual else 0,
                )
            )
    return CatererSheet(days=days, lines=lines)


@dataclasses.dataclass(frozen=True)
class PersonLine:
    name: str | None  # None: hidden, counted only
    invitation: Invitation


def named_lines(invitations: list[Invitation]) -> tuple[list[PersonLine], int]:
    """(lines of the people an export may name, how many hidden people it leaves out)."""
    lines = [PersonLine(person_label(i.participant), i) for i in invitations]
    return [line for line in lines if line.name], sum(1 for line in lines if not line.name)


@dataclasses.dataclass(frozen=True)
class SessionSeats:
    session: AgendaSession
    seats: list[tuple[str, int]]  # (language name, seats)


def interpreter_seats(*, convening: Convening, invitations: list[Invitation]) -> list:
    """Seats per interpretation language per session: the people coming that day who
    asked for interpretation into one of the session's languages (every language the
    convening offers when the session names none)."""
    names = dict(settings.LANGUAGES)
    zone = convening.zone
    result = []
    sessions = AgendaSession.objects.filter(convening=convening).order_by("starts_at", "pk")
    for session in sessions:
        languages = session.interpreted_languages or convening.interpretation_languages or []
        day = session.starts_at.astimezone(zone).date()
        counts = Counter(
            i.interpretation_language
            for i in invitations
            if i.interpretation_language in languages and present_on(i, day, zone)
        )
        result.append(
            SessionSeats(
                session=session,
                seats=[(names.get(code, code), counts.get(code, 0)) for code in languages],
            )
        )
    return result


@dataclasses.dataclass(frozen=True)
class PerPersonCosts:
    currency: str
    support: Decimal
    accommodation: Decimal
    people: int


def per_person_costs(invitations: list[Invitation]) -> list[PerPersonCosts]:
    """Granted travel support and accommodation, summed per currency (nothing converted)."""
    totals: dict[str, list] = {}
    for invitation in invitations:
        support = invitation.support_amount if invitation.support_granted else None
        accommodation = invitation.accommodation_amount
        if not (support or accommodation) or not invitation.cost_currency:
            continue
        line = totals.setdefault(invitation.cost_currency, [Decimal(0), Decimal(0), 0])
        line[0] += support or 0
        line[1] += accommodation or 0
        line[2] += 1
    return [PerPersonCosts(code, *totals[code]) for code in sorted(totals)]
