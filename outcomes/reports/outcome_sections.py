"""The outcomes of the period: by kind, by country, per-country sections, highlights and
framework alignment, free text scrubbed and champions named only when they may be."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from participants.models import Country, Participant

from ..models import Outcome, OutcomeKind
from ..substantiation_selectors import (
    STATE_KEYS,
    STATE_NAMES,
    substantiation_state,
    with_substantiation,
)
from .naming import champion_label
from .shapes import (
    CountrySection,
    Highlight,
    KindByCountry,
    OutcomeEntry,
    ReportData,
    Row,
    SubstantiationLine,
)


def outcomes_between(*, start: dt.date, end: dt.date) -> list[Outcome]:
    """Four queries: the outcomes with champions, frameworks and convenings prefetched."""
    return list(
        with_substantiation(Outcome.objects.filter(date__range=(start, end)))
        .select_related("country")
        .prefetch_related(
            Prefetch("champions", queryset=Participant.objects.select_related("country")),
            "frameworks",
            "convenings",
        )
        .order_by("date", "pk")
    )


def fill_outcomes(
    data: ReportData,
    outcomes: list[Outcome],
    countries: dict[int, Country],
    scrub: Callable[[str], str],
) -> None:
    """Fill the outcome sections, free text scrubbed by `scrub`."""
    kind_counts: dict[str, int] = defaultdict(int)
    place_counts: dict[str, int] = defaultdict(int)
    matrix: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    framework_counts: dict[str, list] = {}
    sections: dict[str, CountrySection] = {}
    regional_label = _("Regional")
    # Outcomes in each substantiation state, by kind and by place (the rule is applied
    # once per outcome, by substantiation_state).
    states_by_kind: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    states_by_place: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for outcome in outcomes:
        state = substantiation_state(outcome)
        kind_counts[outcome.kind] += 1
        place_key = outcome.country.code if outcome.country_id else "regional"
        place = outcome.country.name if outcome.country_id else regional_label
        place_counts[place_key] += 1
        matrix[place_key][outcome.kind] += 1
        states_by_kind[outcome.kind][state.key] += 1
        states_by_place[place_key][state.key] += 1
        frameworks = sorted(
            outcome.frameworks.all(), key=lambda f: (f.framework, f.position, f.code)
        )
        for commitment in frameworks:
            framework_counts.setdefault(commitment.code, [commitment, 0])[1] += 1
        section = sections.setdefault(
            place_key, CountrySection(name=place, code=place_key, outcomes=[])
        )
        section.outcomes.append(
            OutcomeEntry(
                outcome=outcome,
                kind_label=outcome.get_kind_display(),
                place=place,
                title=scrub(outcome.title),
                what_changed=scrub(outcome.what_changed),
                who_changed=scrub(outcome.who_changed),
                significance=scrub(outcome.significance),
                contribution=scrub(outcome.contribution),
                champions=sorted(champion_label(p) for p in outcome.champions.all()),
                frameworks=[f"{f.code}: {f.title}" for f in frameworks],
                convenings=[
                    c.title for c in sorted(outcome.convenings.all(), key=lambda c: c.start_date)
                ],
                substantiation_key=state.key,
                substantiation_label=state.label,
            )
        )
    entries = [e for section in sections.values() for e in section.outcomes]
    for value, label in OutcomeKind.choices:
        of_kind = sorted(
            (e for e in entries if e.outcome.kind == value),
            key=lambda e: (e.substantiation_key == "substantiated", e.outcome.date),
        )
        data.highlights.append(
            Highlight(
                label=str(label), count=len(of_kind), example=of_kind[-1] if of_kind else None
            )
        )
    data.outcomes_total = len(outcomes)
    data.substantiated_total = sum(1 for e in entries if e.substantiation_key == "substantiated")
    data.outcomes_by_kind = [
        Row(label=str(label), value=kind_counts.get(value, 0), key=value)
        for value, label in OutcomeKind.choices
    ]
    code_names = {c.code: c.name for c in countries.values()}
    code_names["regional"] = regional_label
    members = sorted((c for c in countries.values() if c.is_member), key=lambda c: c.name)
    order = [c.code for c in members]
    order += sorted(
        (k for k in place_counts if k not in order and k != "regional"), key=code_names.get
    )
    order.append("regional")
    data.outcomes_by_country = [
        Row(label=code_names[k], value=place_counts.get(k, 0), key=k)
        for k in order
        if place_counts.get(k) or k in {c.code for c in members}
    ]
    data.outcomes_by_kind_and_country = [
        KindByCountry(
            label=row.label,
            counts=[matrix[row.key].get(value, 0) for value, _label in OutcomeKind.choices],
            total=row.value,
        )
        for row in data.outcomes_by_country
    ]
    data.country_sections = [sections[k] for k in order if k in sections]
    data.framework_alignment = [
        Row(label=f"{commitment.code}: {commitment.title}", value=n, key=code)
        for code, (commitment, n) in sorted(
            framework_counts.items(), key=lambda kv: (kv[1][0].framework, kv[1][0].position, kv[0])
        )
    ]
    data.substantiation_by_kind = [
        _state_line(str(label), states_by_kind[value]) for value, label in OutcomeKind.choices
    ]
    data.substantiation_by_country = [
        _state_line(row.label, states_by_place[row.key]) for row in data.outcomes_by_country
    ]
    overall: dict[str, int] = defaultdict(int)
    for counts in states_by_kind.values():
        for key, n in counts.items():
            overall[key] += n
    data.substantiation_totals = _state_line(_("Total"), overall)


def state_headers() -> list[str]:
    """The names of the substantiation states, in the tables' column order."""
    return [str(STATE_NAMES[key]) for key in STATE_KEYS]


def _state_line(label: str, counts: dict[str, int]) -> SubstantiationLine:
    values = [counts.get(key, 0) for key in STATE_KEYS]
    return SubstantiationLine(label=label, counts=values, total=sum(values))
