"""Reads for the staff pages: outcomes and lessons with their filters, and stored reports.

Report figures live in `outcomes/reports/selectors.py`.
"""

from __future__ import annotations

from django.db.models import Count, QuerySet

from participants.models import Country

from .models import ChallengeLesson, Outcome, StoredReport

REGIONAL = "regional"


def outcomes_for_staff(
    *,
    kind: str = "",
    country: str = "",
    year: int | None = None,
    verification: str = "",
) -> QuerySet[Outcome]:
    """Outcomes for the staff list, with champion and evidence counts done in SQL."""
    qs = Outcome.objects.select_related("country").annotate(
        champion_count=Count("champions", distinct=True),
        evidence_count=Count("evidence", distinct=True),
    )
    if kind:
        qs = qs.filter(kind=kind)
    if country == REGIONAL:
        qs = qs.filter(country__isnull=True)
    elif country:
        qs = qs.filter(country__code=country)
    if year:
        qs = qs.filter(date__year=year)
    if verification:
        qs = qs.filter(verification=verification)
    return qs.order_by("-date", "-pk")


def outcome_years() -> list[int]:
    return sorted({d.year for d in Outcome.objects.dates("date", "year")}, reverse=True)


def countries_for_filters() -> QuerySet[Country]:
    return Country.objects.order_by("-is_member", "name")


def challenges_for_staff(
    *, category: str = "", year: int | None = None
) -> QuerySet[ChallengeLesson]:
    qs = ChallengeLesson.objects.all()
    if category:
        qs = qs.filter(category=category)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "category", "pk")


def stored_reports(*, limit: int = 50) -> list[StoredReport]:
    return list(StoredReport.objects.select_related("generated_by")[:limit])


def oldest_unfinished_report_at():
    """When the longest-waiting report was requested (queued or rendering), or None.
    Operations' health check warns when it waited too long."""
    from django.db.models import Min

    from .models import ReportStatus

    return StoredReport.objects.filter(
        status__in=(ReportStatus.QUEUED, ReportStatus.RENDERING)
    ).aggregate(oldest=Min("requested_at"))["oldest"]
