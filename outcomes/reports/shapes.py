"""The shapes of a report's figures: `ReportData` and the rows it holds.

Every list in a report is a list of one of these dataclasses, so the PDF template, the CSV
and XLSX tables and the tests read the same named attributes (no dicts whose keys are
only learnt from the code that fills them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from common.figures import PeriodFigure
from participants import protection

from ..models import Outcome, ReportKind, period_label
from .figures import NOT_ACTIVITY


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
    # Granted travel support and accommodation recorded per person (branch logistics),
    # already inside `total`.
    per_person: Decimal = Decimal(0)

    @property
    def per_convening(self) -> Decimal:
        return (
            (self.total / self.convenings).quantize(Decimal("1")) if self.convenings else Decimal(0)
        )

    @property
    def per_participant(self) -> Decimal:
        return (self.total / self.places).quantize(Decimal("1")) if self.places else Decimal(0)


@dataclass
class ConveningLine:
    """One convening held in the period, as the report lists it."""

    title: str
    country: str
    city: str
    start_date: dt.date
    end_date: dt.date
    format: str
    places: int
    visits: int
    chatham_house: bool
    currency: str
    total_cost: Decimal


@dataclass
class SiteVisitLine:
    programme: str
    place: str
    date: dt.date


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
    # The state from substantiators' answers (outcomes/substantiation_selectors.py).
    substantiation_key: str
    substantiation_label: str


@dataclass
class CountrySection:
    name: str
    code: str
    outcomes: list[OutcomeEntry]


@dataclass
class KindByCountry:
    """One line of the outcomes-by-kind-and-country table: counts in OutcomeKind order."""

    label: str
    counts: list[int]
    total: int


@dataclass
class SubstantiationLine:
    """One line of the substantiation tables (by kind, by country): how many outcomes are
    in each state, in `substantiation_selectors.STATE_KEYS` order."""

    label: str
    counts: list[int]
    total: int


@dataclass
class Highlight:
    """One kind of outcome on the cover: how many, and the one shown as an example."""

    label: str
    count: int
    example: OutcomeEntry | None


@dataclass
class ChallengeEntry:
    year: int
    what_happened: str
    response: str


@dataclass
class ChallengeGroup:
    """The challenges and lessons of one category (ChallengeCategory)."""

    key: str
    label: str
    items: list[ChallengeEntry]


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
    convenings: list[ConveningLine] = field(default_factory=list)
    convenings_total: int = 0
    chatham_house_total: int = 0
    host_countries: int = 0
    interpretation_languages: list[str] = field(default_factory=list)
    site_visits_total: int = 0
    site_visits: list[SiteVisitLine] = field(default_factory=list)
    attendances_total: int = 0
    sessions_by_kind: list[Row] = field(default_factory=list)
    costs: list[CostLine] = field(default_factory=list)
    outcomes_total: int = 0
    substantiated_total: int = 0
    outcomes_by_kind: list[Row] = field(default_factory=list)
    outcomes_by_country: list[Row] = field(default_factory=list)
    outcomes_by_kind_and_country: list[KindByCountry] = field(default_factory=list)
    country_sections: list[CountrySection] = field(default_factory=list)
    framework_alignment: list[Row] = field(default_factory=list)
    substantiation_by_kind: list[SubstantiationLine] = field(default_factory=list)
    substantiation_by_country: list[SubstantiationLine] = field(default_factory=list)
    substantiation_totals: SubstantiationLine | None = None
    key_figures: list[PeriodFigure] = field(default_factory=list)
    engagement: list[PeriodFigure] = field(default_factory=list)
    challenges: list[ChallengeGroup] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    convenings_by_year: list[Row] = field(default_factory=list)

    @property
    def is_annual(self) -> bool:
        return self.kind == ReportKind.ANNUAL

    @property
    def period_label(self) -> str:
        return period_label(self.start_year, self.end_year)

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
