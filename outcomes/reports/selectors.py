"""Every figure in a report, computed from the database in a fixed number of queries.

`report_data` is the only reader the PDF, CSV and XLSX renderers use. It aggregates with
annotate/Count and prefetches related rows, so the number of queries does not grow with the
data (a test pins it). Call it inside `translation.override(language)`: translated fields
and choice labels come out in the report's language.

Confidentiality is applied here, once: `champion_label` names a person only when they are
named (not pseudonymous or hidden) and have agreed to be named in reports; everyone else is
"a government official from Malaysia", and free text is scrubbed by the protection service
(`participants.protection`, audience "reports"): every form and script of the name of
anyone hidden, pseudonymous, erased or not agreeing to be named.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from convenings.models import AgendaSession, SessionKind, SiteVisit
from convenings.selectors import TOOK_PART, held_between, took_part_between
from participants import protection
from participants.models import Country, Participant, Sector, Visibility
from participants.selectors import describe_anonymously
from platform_site.figures import PeriodFigure

from ..models import ChallengeCategory, ChallengeLesson, Outcome, OutcomeKind, ReportKind
from .figures import ENGAGEMENT_FIGURES, KEY_FIGURES, NOT_ACTIVITY, period_figures

CO_CONVENORS = (
    "International Detention Coalition (IDC)",
    "Asia Dialogue on Forced Migration (ADFM) Secretariat",
)


@dataclass
class Row:
    label: str
    value: int
    key: str = ""
    # Too few people to show (participants.protection.is_small): `shown` says so instead.
    suppressed: bool = False

    @property
    def shown(self):
        return protection.fewer_than() if self.suppressed else self.value


@dataclass
class CostLine:
    currency: str
    total: Decimal
    travel: Decimal
    venue: Decimal
    interpretation: Decimal
    other: Decimal
    convenings: int
    places: int

    @property
    def per_convening(self) -> Decimal:
        return (
            (self.total / self.convenings).quantize(Decimal("1")) if self.convenings else Decimal(0)
        )

    @property
    def per_participant(self) -> Decimal:
        return (self.total / self.places).quantize(Decimal("1")) if self.places else Decimal(0)


@dataclass
class OutcomeEntry:
    outcome: Outcome
    kind_label: str
    place: str
    title: str
    what_changed: str
    who_changed: str
    significance: str
    contribution: str
    champions: list[str]
    frameworks: list[str]
    convenings: list[str]
    verification_label: str


@dataclass
class CountrySection:
    name: str
    code: str
    outcomes: list[OutcomeEntry]


@dataclass
class ReportData:
    kind: str
    start_year: int
    end_year: int
    generated_on: dt.date
    participants_total: int = 0
    network_total: int = 0
    countries_engaged: int = 0
    member_countries: list[str] = field(default_factory=list)
    lived_experience_participants: int = 0
    lived_experience_suppressed: bool = False
    by_sector: list[Row] = field(default_factory=list)
    by_country: list[Row] = field(default_factory=list)
    convenings: list[dict] = field(default_factory=list)
    convenings_total: int = 0
    chatham_house_total: int = 0
    host_countries: int = 0
    interpretation_languages: list[str] = field(default_factory=list)
    site_visits_total: int = 0
    site_visits: list[dict] = field(default_factory=list)
    attendances_total: int = 0
    sessions_by_kind: list[Row] = field(default_factory=list)
    costs: list[CostLine] = field(default_factory=list)
    outcomes_total: int = 0
    substantiated_total: int = 0
    outcomes_by_kind: list[Row] = field(default_factory=list)
    outcomes_by_country: list[Row] = field(default_factory=list)
    outcomes_by_kind_and_country: list[dict] = field(default_factory=list)
    country_sections: list[CountrySection] = field(default_factory=list)
    framework_alignment: list[Row] = field(default_factory=list)
    key_figures: list[PeriodFigure] = field(default_factory=list)
    engagement: list[PeriodFigure] = field(default_factory=list)
    challenges: list[dict] = field(default_factory=list)
    highlights: list[dict] = field(default_factory=list)
    convenings_by_year: list[Row] = field(default_factory=list)

    @property
    def is_annual(self) -> bool:
        return self.kind == ReportKind.ANNUAL

    @property
    def period_label(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}\u2013{self.end_year}"

    @property
    def sectors_present(self) -> list[Row]:
        return [r for r in self.by_sector if r.value]

    @property
    def sessions_present(self) -> list[Row]:
        return [r for r in self.sessions_by_kind if r.value]

    @property
    def years(self) -> int:
        return self.end_year - self.start_year + 1

    @property
    def definitions(self) -> list[PeriodFigure]:
        """Every counted figure, for the methodology page."""
        return [*self.key_figures, *self.engagement]

    @property
    def is_empty(self) -> bool:
        """Nothing happened in the period: no activity counted, no lesson recorded."""
        return not self.challenges and not any(
            f.value for f in self.definitions if f.key not in NOT_ACTIVITY
        )

    @property
    def small_groups(self) -> bool:
        return any(r.suppressed for r in (*self.by_sector, *self.by_country))

    @property
    def small_groups_threshold(self) -> int:
        return protection.small_number_threshold()


def champion_label(participant: Participant) -> str:
    """The name a report may print: the full name only with consent and a named profile."""
    if participant.visibility == Visibility.NAMED and participant.consent_named_in_reports:
        return participant.full_name
    return describe_anonymously(sector=participant.sector, country=participant.country)


def may_be_named(participant: Participant) -> bool:
    return participant.visibility == Visibility.NAMED and participant.consent_named_in_reports


@dataclass
class ChallengeEntry:
    year: int
    what_happened: str
    response: str


def report_data(*, kind: str, start_year: int, end_year: int) -> ReportData:
    start, end = dt.date(start_year, 1, 1), dt.date(end_year, 12, 31)
    data = ReportData(
        kind=kind, start_year=start_year, end_year=end_year, generated_on=timezone.localdate()
    )
    countries = {c.pk: c for c in Country.objects.all()}  # query 1
    data.member_countries = sorted(c.name for c in countries.values() if c.is_member)

    held = held_between(start=start, end=end)
    took_part = took_part_between(start=start, end=end)

    # Query 2: people who took part, grouped by country and sector (one person, one group).
    groups = (
        Participant.objects.filter(took_part)
        .values("country_id", "sector")
        .annotate(
            n=Count("id", distinct=True),
            lived=Count("id", filter=Q(lived_experience=True), distinct=True),
        )
        .order_by()
    )
    sector_counts: dict[str, int] = defaultdict(int)
    country_counts: dict[int, int] = defaultdict(int)
    for group in groups:
        sector_counts[group["sector"]] += group["n"]
        country_counts[group["country_id"]] += group["n"]
        data.lived_experience_participants += group["lived"]
    data.participants_total = sum(sector_counts.values())
    data.countries_engaged = len([k for k, v in country_counts.items() if v])
    data.by_sector = [
        Row(label=str(label), value=sector_counts.get(value, 0), key=value)
        for value, label in Sector.choices
    ]
    data.by_country = sorted(
        (
            Row(label=countries[pk].name, value=n, key=countries[pk].code)
            for pk, n in country_counts.items()
        ),
        key=lambda r: (-r.value, r.label),
    )
    # Groups of fewer people than the threshold are not shown: they would point at them.
    protection.mark_small(data.by_sector)
    protection.mark_small(data.by_country)
    data.lived_experience_suppressed = protection.is_small(data.lived_experience_participants)

    # Query 3: convenings with their attendance and site visits counted in SQL.
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
    for convening in convenings:
        languages.update(convening.interpretation_languages or [])
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
            {
                "title": convening.title,
                "country": countries[convening.host_country_id].name,
                "city": convening.city,
                "start_date": convening.start_date,
                "end_date": convening.end_date,
                "format": convening.get_format_display(),
                "places": convening.places,
                "visits": convening.visits,
                "chatham_house": convening.chatham_house,
                "currency": convening.currency,
                "total_cost": convening.total_cost,
            }
        )
    per_year: dict[int, int] = defaultdict(int)
    for convening in convenings:
        per_year[convening.start_date.year] += 1
    data.convenings_by_year = [
        Row(label=str(y), value=per_year.get(y, 0), key=str(y))
        for y in range(start_year, end_year + 1)
    ]
    data.convenings_total = len(convenings)
    data.chatham_house_total = sum(1 for c in convenings if c.chatham_house)
    data.host_countries = len({c.host_country_id for c in convenings})
    data.site_visits_total = sum(c.visits for c in convenings)
    data.attendances_total = sum(c.places for c in convenings)
    data.costs = [line for line in sorted(costs.values(), key=lambda c: c.currency) if line.total]
    language_names = dict(_language_choices())
    data.interpretation_languages = sorted(language_names.get(code, code) for code in languages)

    # Query 4: the site visits, for the programmes participants saw.
    for visit in SiteVisit.objects.filter(convening__in=held).order_by("date", "pk"):
        data.site_visits.append(
            {"programme": visit.programme, "place": visit.place, "date": visit.date}
        )
    # Query 5: agenda sessions by kind.
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

    # Queries 6-9: outcomes with champions, frameworks and convenings prefetched.
    outcomes = list(
        Outcome.objects.filter(date__range=(start, end))
        .select_related("country")
        .prefetch_related(
            Prefetch("champions", queryset=Participant.objects.select_related("country")),
            "frameworks",
            "convenings",
        )
        .order_by("date", "pk")
    )
    # Queries 10-12: everyone a report may not name, in every form and script, for scrubbing
    # free text (the protection service, participants.protection).
    scrub = protection.registry(audience=protection.Audience.REPORTS).scrub
    _fill_outcomes(data, outcomes, countries, scrub)

    # Query 13: challenges and lessons.
    by_category: dict[str, list[ChallengeEntry]] = defaultdict(list)
    for item in ChallengeLesson.objects.filter(year__range=(start_year, end_year)).order_by(
        "year", "pk"
    ):
        by_category[item.category].append(
            ChallengeEntry(
                year=item.year,
                what_happened=scrub(item.what_happened),
                response=scrub(item.response),
            )
        )
    data.challenges = [
        {"key": value, "label": str(label), "items": by_category[value]}
        for value, label in ChallengeCategory.choices
        if by_category.get(value)
    ]

    # The headline figures, each from the app that owns it (see .figures).
    figures = period_figures(start=start, end=end)
    data.key_figures = [figures[key] for key in KEY_FIGURES]
    data.engagement = [figures[key] for key in ENGAGEMENT_FIGURES]
    # The sentences and the cover print the same numbers as the key figures.
    data.participants_total = figures["participants"].value
    data.network_total = figures["network"].value
    data.countries_engaged = figures["countries"].value
    data.convenings_total = figures["convenings"].value
    data.site_visits_total = figures["site_visits"].value
    data.attendances_total = figures["places"].value
    data.outcomes_total = figures["outcomes"].value
    data.substantiated_total = figures["substantiated"].value
    return data


def _language_choices():
    from django.conf import settings

    return settings.LANGUAGES


def _fill_outcomes(data: ReportData, outcomes: list[Outcome], countries: dict, scrub) -> None:
    """Fill the outcome sections, free text scrubbed by `scrub`."""
    kind_counts: dict[str, int] = defaultdict(int)
    place_counts: dict[str, int] = defaultdict(int)
    matrix: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    framework_counts: dict[str, list] = {}
    sections: dict[str, CountrySection] = {}
    regional_label = _("Regional")
    for outcome in outcomes:
        kind_counts[outcome.kind] += 1
        place_key = outcome.country.code if outcome.country_id else "regional"
        place = outcome.country.name if outcome.country_id else regional_label
        place_counts[place_key] += 1
        matrix[place_key][outcome.kind] += 1
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
                verification_label=outcome.get_verification_display(),
            )
        )
    entries = [e for section in sections.values() for e in section.outcomes]
    for value, label in OutcomeKind.choices:
        of_kind = sorted(
            (e for e in entries if e.outcome.kind == value),
            key=lambda e: (e.outcome.verification == "substantiated", e.outcome.date),
        )
        data.highlights.append(
            {
                "label": str(label),
                "count": len(of_kind),
                "example": of_kind[-1] if of_kind else None,
            }
        )
    data.outcomes_total = len(outcomes)
    data.substantiated_total = sum(1 for o in outcomes if o.verification == "substantiated")
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
        {
            "label": row.label,
            "counts": [matrix[row.key].get(value, 0) for value, _label in OutcomeKind.choices],
            "total": row.value,
        }
        for row in data.outcomes_by_country
    ]
    data.country_sections = [sections[k] for k in order if k in sections]
    data.framework_alignment = [
        Row(label=f"{commitment.code}: {commitment.title}", value=n, key=code)
        for code, (commitment, n) in sorted(
            framework_counts.items(), key=lambda kv: (kv[1][0].framework, kv[1][0].position, kv[0])
        )
    ]


# The participants and convenings apps own these strings (descriptions of people, sector,
# session and format labels); they are repeated here so a report in Thai, Malay or
# Indonesian prints them in that language even before those catalogues have them (an
# earlier app's translation wins when both exist).
if False:  # pragma: no cover
    _("a government official from %(country)s")
    _("a civil society leader from %(country)s")
    _("an academic from %(country)s")
    _("an international organisation representative in %(country)s")
    _("a person with lived experience from %(country)s")
    _("a participant from %(country)s")
    _("the region")
    _("Government")
    _("Civil society")
    _("Academia")
    _("International organisation")
    _("Lived-experience network")
    _("Presentation")
    _("Group discussion")
    _("Informal time")
    _("Site visit")
    _("Lived-experience session")
    pgettext("agenda session kind", "Briefing")
    _("In person")
    _("Online")
    _("Hybrid")
