"""What the people coming need (interpretation, access, diet, travel) and what the convening costs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    Convening,
    Invitation,
    InvitationStatus,
)
from .listing import YES


@dataclasses.dataclass(frozen=True)
class InterpretationSeats:
    """Seats wanted for interpretation into one language."""

    code: str
    language: str  # its name
    seats: int


@dataclasses.dataclass(frozen=True)
class Needs:
    """What the people who said yes need (see `replies_and_needs`)."""

    interpretation: list[InterpretationSeats]  # every language offered or asked for
    seats_total: int
    needs: list[Invitation]  # with access or dietary needs, by name
    travel_support: int
    travel_support_people: list[Invitation]


@dataclasses.dataclass(frozen=True)
class CostSummary:
    """The convening's costs, and the cost per attendee (see `cost_summary`)."""

    currency: str
    lines: list[tuple]  # (label, amount or None) per cost line
    total: Decimal
    attendees: int
    attendees_basis: str  # "attended" once started, "accepted" before
    per_attendee: Decimal | None  # None without attendees


def replies_and_needs(
    *, convening: Convening, invitations: list[Invitation] | None = None
) -> Needs:
    """What the people coming need: interpretation seats per language, access and dietary
    needs, travel support. Counts those who said yes (accepted, or attended afterwards).

    One query: the yes-sayers who need anything, with their participant. A page that has
    already read every invitation of the convening with its participant (the replies list)
    passes them as `invitations`, and nothing more is read."""
    if invitations is None:
        invitations = list(
            Invitation.objects.filter(convening=convening, status__in=YES)
            .filter(
                ~Q(interpretation_language="")
                | ~Q(access_needs="")
                | ~Q(dietary_needs="")
                | Q(travel_support=True)
            )
            .select_related("participant")
        )
    yes = sorted(
        (i for i in invitations if i.status in YES),
        key=lambda i: (i.participant.full_name.casefold(), i.pk),
    )
    seats = Counter(i.interpretation_language for i in yes if i.interpretation_language)
    names = dict(settings.LANGUAGES)
    interpretation = [
        InterpretationSeats(code=code, language=names.get(code, code), seats=seats.get(code, 0))
        for code in sorted(set(convening.interpretation_languages) | set(seats))
    ]
    travel = [i for i in yes if i.travel_support]
    return Needs(
        interpretation=interpretation,
        seats_total=sum(seats.values()),
        needs=[i for i in yes if i.access_needs or i.dietary_needs],
        travel_support=len(travel),
        travel_support_people=travel,
    )


def interpretation_headcount(*, convening: Convening) -> dict[str, int]:
    """{language code: seats} among those who said yes."""
    return {row.code: row.seats for row in replies_and_needs(convening=convening).interpretation}


def cost_summary(*, convening: Convening, today: dt.date | None = None) -> CostSummary:
    """Cost per convening and per attendee. Attendees: those marked attended once the
    convening has started, or those who accepted while it is still ahead."""
    today = today or timezone.localdate()
    started = convening.start_date <= today
    if hasattr(convening, "attended_count"):  # read with convenings_with_counts()
        counts = {"attended": convening.attended_count, "accepted": convening.accepted_count}
    else:
        counts = Invitation.objects.filter(convening=convening).aggregate(
            attended=Count("pk", filter=Q(status=InvitationStatus.ATTENDED)),
            accepted=Count("pk", filter=Q(status__in=YES)),
        )
    attendees = counts["attended"] if started else counts["accepted"]
    total = convening.total_cost
    return CostSummary(
        currency=convening.currency,
        lines=[
            (_("Travel"), convening.cost_travel),
            (_("Venue"), convening.cost_venue),
            (_("Interpretation"), convening.cost_interpretation),
            (_("Other"), convening.cost_other),
        ],
        total=total,
        attendees=attendees,
        attendees_basis="attended" if started else "accepted",
        per_attendee=(total / attendees).quantize(Decimal("0.01")) if attendees else None,
    )
