"""Every figure in a report, computed from the database in a fixed number of queries.

`report_data` is the only reader the PDF, CSV and XLSX renderers use. It aggregates with
annotate/Count and prefetches related rows, so the number of queries does not grow with the
data (a test pins it). Call it inside `translation.override(language)`: translated fields
and choice labels come out in the report's language.

The work is split by topic: `shapes` (the dataclasses), `people` (who took part),
`activity` (convenings, costs, site visits, sessions), `outcome_sections`, `challenges`,
`naming` (who may be named) and `figures` (the headline figures each app owns).

Confidentiality is applied here, once: `champion_label` names a person only when they are
named (not pseudonymous or hidden) and have agreed to be named in reports; everyone else is
"a government official from Malaysia", and free text is scrubbed by the protection service
(`participants.protection`, audience "reports"): every form and script of the name of
anyone hidden, pseudonymous, erased or not agreeing to be named.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from convenings.selectors import held_between, took_part_between
from participants import protection
from participants.models import Country

from .activity import fill_convenings
from .challenges import fill_challenges
from .figures import ENGAGEMENT_FIGURES, KEY_FIGURES, period_figures
from .naming import champion_label, may_be_named
from .outcome_sections import fill_outcomes, outcomes_between
from .people import fill_people
from .shapes import (
    ChallengeEntry,
    ChallengeGroup,
    ConveningLine,
    CostLine,
    CountrySection,
    Highlight,
    KindByCountry,
    OutcomeEntry,
    ReportData,
    Row,
    SiteVisitLine,
)

# Importable from here as before the split (forms and other branches use these paths).
__all__ = [
    "ChallengeEntry",
    "ChallengeGroup",
    "ConveningLine",
    "CostLine",
    "CountrySection",
    "Highlight",
    "KindByCountry",
    "OutcomeEntry",
    "ReportData",
    "Row",
    "SiteVisitLine",
    "champion_label",
    "may_be_named",
    "report_data",
]


def report_data(*, kind: str, start_year: int, end_year: int) -> ReportData:
    start, end = dt.date(start_year, 1, 1), dt.date(end_year, 12, 31)
    data = ReportData(
        kind=kind, start_year=start_year, end_year=end_year, generated_on=timezone.localdate()
    )
    countries = {c.pk: c for c in Country.objects.all()}  # query 1
    data.member_countries = sorted(c.name for c in countries.values() if c.is_member)

    # Query 2: people who took part, grouped by country and sector.
    fill_people(data, countries=countries, took_part=took_part_between(start=start, end=end))
    # Queries 3-5: convenings with attendance counted in SQL, site visits, sessions by kind.
    fill_convenings(data, countries=countries, held=held_between(start=start, end=end))
    # Queries 6-9: outcomes with champions, frameworks and convenings prefetched.
    outcomes = outcomes_between(start=start, end=end)
    # Queries 10-12: everyone a report may not name, in every form and script, for scrubbing
    # free text (the protection service, participants.protection).
    scrub = protection.registry(audience=protection.Audience.REPORTS).scrub
    fill_outcomes(data, outcomes, countries, scrub)
    # Query 13: challenges and lessons.
    fill_challenges(data, scrub=scrub)

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
