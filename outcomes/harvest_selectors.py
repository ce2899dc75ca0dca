"""Reads of outcome harvesting: a participant's own submissions, the staff review list, and
the learning page's figures (outcomes over time by kind and country with their
substantiation, and which convenings contributed to which outcomes).

A participant only ever reads their own submissions: anyone else's answer 404.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from convenings.models import Convening, ConveningStatus
from convenings.selectors.figures import TOOK_PART
from participants.models import Participant

from .models import Outcome, OutcomeKind, OutcomeSubmission, SubmissionStatus
from .substantiation_selectors import STATE_KEYS, substantiation_state, with_substantiation


def submissions_for_participant(*, participant: Participant) -> QuerySet[OutcomeSubmission]:
    return (
        OutcomeSubmission.objects.filter(participant=participant)
        .select_related("country")
        .order_by("-submitted_at", "-pk")
    )


def submission_for_participant_or_404(*, participant: Participant, pk: int) -> OutcomeSubmission:
    submission = submissions_for_participant(participant=participant).filter(pk=pk).first()
    if submission is None:
        raise Http404
    return submission


def convenings_taken_part(*, participant: Participant) -> QuerySet[Convening]:
    """The convenings the participant accepted or attended (not withdrawn, not cancelled):
    the ones they may say contributed."""
    return (
        Convening.objects.filter(
            invitations__participant=participant,
            invitations__status__in=TOOK_PART,
            invitations__withdrawn_at__isnull=True,
        )
        .exclude(status=ConveningStatus.CANCELLED)
        .distinct()
        .order_by("-start_date", "pk")
    )


def waiting_count() -> int:
    """Submissions waiting for a staff decision (the dashboard's and the list's count)."""
    return OutcomeSubmission.objects.filter(status=SubmissionStatus.SUBMITTED).count()


def submissions_for_staff(*, status: str = "") -> QuerySet[OutcomeSubmission]:
    qs = OutcomeSubmission.objects.select_related(
        "participant__country", "participant__organisation", "country", "outcome"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("submitted_at", "pk") if status == SubmissionStatus.SUBMITTED else qs


def submission_for_staff_or_404(*, pk: int) -> OutcomeSubmission:
    submission = (
        OutcomeSubmission.objects.select_related(
            "participant__country", "participant__organisation", "country", "outcome"
        )
        .prefetch_related("convenings")
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        raise Http404
    return submission


def outcomes_to_merge_into() -> QuerySet[Outcome]:
    return Outcome.objects.select_related("country").order_by("-date", "-pk")


# --- Learning ------------------------------------------------------------------------


@dataclass
class YearRow:
    year: int
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_state: dict[str, int] = field(default_factory=dict)


@dataclass
class ConveningRow:
    convening: Convening
    outcomes: list[Outcome]


@dataclass
class Learning:
    years: list[YearRow]
    kinds: list[tuple[str, str]]
    states: list[str]
    by_country: list[tuple[str, dict[int, int], int]]  # country label, {year: n}, total
    convenings: list[ConveningRow]
    outcomes_without_convening: int
    total: int
    chart: dict


def learning(*, regional_label: str) -> Learning:
    """Outcomes by year, kind, country and substantiation state, and the convenings linked
    to each, in three queries (outcomes with their country; their convenings; the
    convenings with outcomes). Substantiation is the state named by the one rule
    (`substantiation_selectors.state_from_counts`), from counts read in the same query."""
    outcomes = list(
        with_substantiation(Outcome.objects.select_related("country"))
        .prefetch_related(Prefetch("convenings", queryset=Convening.objects.only("pk")))
        .order_by("date", "pk")
    )
    years: dict[int, YearRow] = {}
    countries: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, str] = {}  # state key -> its name, for the states that occur
    without = 0
    for outcome in outcomes:
        row = years.setdefault(outcome.date.year, YearRow(year=outcome.date.year))
        row.total += 1
        row.by_kind[outcome.kind] = row.by_kind.get(outcome.kind, 0) + 1
        found = substantiation_state(outcome)
        state = found.name
        names[found.key] = state
        row.by_state[state] = row.by_state.get(state, 0) + 1
        label = outcome.country.name if outcome.country_id else regional_label
        countries[label][outcome.date.year] += 1
        if not outcome.convenings.all():
            without += 1
    # In the reports' order (substantiated first), whatever order the outcomes came in.
    states = [names[key] for key in STATE_KEYS if key in names]
    year_rows = [years[y] for y in sorted(years)]
    by_country = sorted(
        ((label, dict(counts), sum(counts.values())) for label, counts in countries.items()),
        key=lambda item: (-item[2], item[0]),
    )
    linked = (
        Convening.objects.filter(outcomes__isnull=False, outcomes__deleted_at__isnull=True)
        .annotate(n=Count("outcomes", distinct=True))
        .select_related("host_country")
        .prefetch_related(
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.select_related("country").order_by("date", "pk"),
                to_attr="linked_outcomes",
            )
        )
        .order_by("start_date", "pk")
    )
    convening_rows = [ConveningRow(convening=c, outcomes=c.linked_outcomes) for c in linked]
    kinds = list(OutcomeKind.choices)
    return Learning(
        years=year_rows,
        kinds=kinds,
        states=states,
        by_country=by_country,
        convenings=convening_rows,
        outcomes_without_convening=without,
        total=len(outcomes),
        chart=_chart(year_rows, [k for k, _label in kinds]),
    )


# The chart: one stacked bar per year, one colour per kind (the legend repeats the colours
# beside the kinds' names). Drawn in a viewBox, so it scales to the page's width.
CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM = 320, 160, 10, 24
KIND_CLASSES = ["kind-a", "kind-b", "kind-c", "kind-d"]


def _chart(rows: list[YearRow], kinds: list[str]) -> dict:
    if not rows:
        return {"bars": [], "width": CHART_WIDTH, "height": CHART_HEIGHT}
    most = max(r.total for r in rows)
    plot = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    slot = CHART_WIDTH / len(rows)
    width = max(4.0, slot * 0.6)
    bars = []
    for i, row in enumerate(rows):
        x = i * slot + (slot - width) / 2
        bottom = CHART_HEIGHT - CHART_BOTTOM
        parts = []
        for kind, css in zip(kinds, KIND_CLASSES, strict=False):
            n = row.by_kind.get(kind, 0)
            if not n:
                continue
            h = plot * n / most
            bottom -= h
            parts.append({"y": round(bottom, 1), "height": round(h, 1), "css": css, "n": n})
        bars.append(
            {
                "x": round(x, 1),
                "width": round(width, 1),
                "label_x": round(x + width / 2, 1),
                "year": row.year,
                "total": row.total,
                "total_y": round(bottom - 2, 1),
                "parts": parts,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "label_y": CHART_HEIGHT - 8,
        "kinds": list(zip(kinds, KIND_CLASSES, strict=False)),
    }


def sources_of(*, outcome: Outcome) -> list[OutcomeSubmission]:
    """The participants' reports an outcome was made from or merged with, with the credit
    each submitter chose."""
    return list(
        outcome.submissions.select_related("participant__country").order_by("submitted_at", "pk")
    )
