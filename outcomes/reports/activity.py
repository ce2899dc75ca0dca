"""The convenings held in the period: the list, costs, languages, site visits and sessions.

"Held" and "took part" are the convenings app's definitions (`held_between`, `TOOK_PART`);
this module counts and sums what those convenings hold.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from convenings.models import AgendaSession, Convening, Invitation, SessionKind, SiteVisit
from convenings.selectors import TOOK_PART
from participants.models import Country

from .shapes import ConveningLine, CostLine, ReportData, Row, SiteVisitLine


def _add_per_person_costs(convenings: list[Convening], costs: dict[str, CostLine]) -> None:
    """Granted travel support and accommodation recorded for each person who took part,
    added to the line of their own currency (one query; nothing is converted). A
    convening whose per-person amounts are in another currency than its own counts, with
    its participant places, in that currency's line too, so each line's cost per
    participant place divides that currency's spending by the places it paid for."""
    by_pk = {convening.pk: convening for convening in convenings}
    rows = (
        Invitation.objects.filter(convening__in=list(by_pk), status__in=TOOK_PART)
        .exclude(cost_currency="")
        .filter(Q(support_granted=True, support_amount__gt=0) | Q(accommodation_amount__gt=0))
        .values_list(
            "convening_id",
            "cost_currency",
            "support_granted",
            "support_amount",
            "accommodation_amount",
        )
    )
    counted = {(convening.currency, convening.pk) for convening in convenings}
    for convening_id, currency, granted, support, accommodation in rows:
        amount = (support if granted and support else Decimal(0)) + (accommodation or 0)
        line = costs.setdefault(
            currency, CostLine(currency, *(Decimal(0),) * 5, convenings=0, places=0)
        )
        line.per_person += amount
        line.total += amount
        if (currency, convening_id) not in counted:
            counted.add((currency, convening_id))
            line.convenings += 1
            line.places += by_pk[convening_id].places


def fill_convenings(
    data: ReportData, *, countries: dict[int, Country], held: QuerySet[Convening]
) -> None:
    """Three queries: the convenings with attendance and site visits counted in SQL, the
    site visits, and the agenda sessions by kind."""
    convenings = list(
        held.annotate(
            places=Count(
                "invitations",
                filter=Q(invitations__status__in=TOOK_PART, invitations__withdrawn_at__isnull=True),
                distinct=True,
            ),
            visits=Count(
                "site_visits", filter=Q(site_visits__deleted_at__isnull=True), distinct=True
            ),
        ).order_by("start_date", "pk")
    )
    languages: set[str] = set()
    costs: dict[str, CostLine] = {}
    per_year: dict[int, int] = defaultdict(int)
    for convening in convenings:
        languages.update(convening.interpretation_languages or [])
        per_year[convening.start_date.year] += 1
        line = costs.setdefault(
            convening.currency,
            CostLine(convening.currency, *(Decimal(0),) * 5, convenings=0, places=0),
        )
        line.travel += convening.cost_travel
        line.venue += convening.cost_venue
        line.interpretation += convening.cost_interpretation
        line.other += convening.cost_other
        line.total += convening.total_cost
        line.convenings += 1
        line.places += convening.places
        data.convenings.append(
            ConveningLine(
                title=convening.title,
                country=countries[convening.host_country_id].name,
                city=convening.city,
                start_date=convening.start_date,
                end_date=convening.end_date,
                format=convening.get_format_display(),
                places=convening.places,
                visits=convening.visits,
                chatham_house=convening.chatham_house,
                currency=convening.currency,
                total_cost=convening.total_cost,
            )
        )
    _add_per_person_costs(convenings, costs)
    data.convenings_by_year = [
        Row(label=str(y), value=per_year.get(y, 0), key=str(y))
        for y in range(data.start_year, data.end_year + 1)
    ]
    data.convenings_total = len(convenings)
    data.chatham_house_total = sum(1 for c in convenings if c.chatham_house)
    data.host_countries = len({c.host_country_id for c in convenings})
    data.site_visits_total = sum(c.visits for c in convenings)
    data.attendances_total = sum(c.places for c in convenings)
    data.costs = [line for line in sorted(costs.values(), key=lambda c: c.currency) if line.total]
    language_names = dict(settings.LANGUAGES)
    data.interpretation_languages = sorted(language_names.get(code, code) for code in languages)

    # The site visits, for the programmes participants saw.
    data.site_visits = [
        SiteVisitLine(programme=visit.programme, place=visit.place, date=visit.date)
        for visit in SiteVisit.objects.filter(convening__in=held).order_by("date", "pk")
    ]
    session_counts = dict(
        AgendaSession.objects.filter(convening__in=held)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    data.sessions_by_kind = [
        Row(label=str(label), value=session_counts.get(value, 0), key=value)
        for value, label in SessionKind.choices
    ]
