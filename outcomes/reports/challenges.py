"""The challenges and lessons recorded for the period's years, grouped by category."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..models import ChallengeCategory, ChallengeLesson
from .shapes import ChallengeEntry, ChallengeGroup, ReportData


def fill_challenges(data: ReportData, *, scrub: Callable[[str], str]) -> None:
    """One query; free text scrubbed by `scrub`."""
    by_category: dict[str, list[ChallengeEntry]] = defaultdict(list)
    for item in ChallengeLesson.objects.filter(
        year__range=(data.start_year, data.end_year)
    ).order_by("year", "pk"):
        by_category[item.category].append(
            ChallengeEntry(
                year=item.year,
                what_happened=scrub(item.what_happened),
                response=scrub(item.response),
            )
        )
    data.challenges = [
        ChallengeGroup(key=value, label=str(label), items=by_category[value])
        for value, label in ChallengeCategory.choices
        if by_category.get(value)
    ]
