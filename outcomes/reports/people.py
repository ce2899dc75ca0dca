"""Who took part in the period, by sector and by country, small groups withheld.

"Took part" is the convenings app's definition (`convenings.selectors.took_part_between`);
this module only groups the people it selects.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from participants import protection
from participants.models import Country, Participant, Sector

from .shapes import ReportData, Row


def fill_people(data: ReportData, *, countries: dict[int, Country], took_part: Q) -> None:
    """One query: people who took part, grouped by country and sector (one person, one group)."""
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
