"""Reads for the staff pages: outcomes and lessons with their filters, and stored reports.

Report figures live in `outcomes/reports/selectors.py`.
"""

from __future__ import annotations

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from common.figures import PeriodFigure
from convenings.models import Convening, ConveningStatus
from participants.models import Country

from .models import ChallengeLesson, Outcome, ReportStatus, StoredReport

REGIONAL = "regional"


def outcomes_for_staff() -> QuerySet[Outcome]:
    """Outcomes for the staff list, with champion and evidence counts done in SQL.

    Searched and filtered by `outcomes.filters.OutcomeFilter`.
    """
    return (
        Outcome.objects.select_related("country")
        .annotate(
            champion_count=Count("champions", distinct=True),
            evidence_count=Count(
                "evidence", filter=Q(evidence__deleted_at__isnull=True), distinct=True
            ),
        )
        .order_by("-date", "-pk")
    )


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


def _with_previous(reports: QuerySet[StoredReport]) -> QuerySet[StoredReport]:
    """Each report with `previous_id`: the newest ready report of the same kind, period,
    language and format requested before it, so a failed one can point to its file."""
    previous = StoredReport.objects.filter(
        kind=OuterRef("kind"),
        start_year=OuterRef("start_year"),
        end_year=OuterRef("end_year"),
        language=OuterRef("language"),
        format=OuterRef("format"),
        status=ReportStatus.DONE,
        pk__lt=OuterRef("pk"),
    ).order_by("-pk")
    return reports.annotate(previous_id=Subquery(previous.values("pk")[:1]))


def stored_reports(*, limit: int = 50) -> list[StoredReport]:
    return list(_with_previous(StoredReport.objects.select_related("generated_by"))[:limit])


def report_for_admin_or_404(*, report_id: int) -> StoredReport:
    """One report for its status cell (with `previous_id`)."""
    report = _with_previous(StoredReport.objects.filter(pk=report_id)).first()
    if report is None:
        raise Http404
    return report


def figures_for_period(*, start, end) -> list:
    """Outcomes recorded and substantiated, dated by the outcome's own date.

    The date of an outcome is the day the change happened, as the secretariat recorded
    it, not the day it was typed in. Substantiated outcomes are those whose verification
    is "substantiated" (evidence supports them).
    """
    counts = Outcome.objects.filter(date__range=(start, end)).aggregate(
        n=Count("pk"), substantiated=Count("pk", filter=Q(verification="substantiated"))
    )
    return [
        PeriodFigure(
            key="outcomes",
            label=_("Outcomes recorded"),
            value=counts["n"],
            definition=_(
                "Outcomes whose date (the day the change happened, as recorded) is in the period."
            ),
        ),
        PeriodFigure(
            key="substantiated",
            label=_("Outcomes substantiated"),
            value=counts["substantiated"],
            definition=_(
                "Outcomes recorded in the period that evidence such as a policy document, an "
                "official statement or an independent account supports."
            ),
        ),
    ]


def latest_year_with_activity(*, today=None) -> int | None:
    """The latest year, up to this one, in which a convening was held or an outcome dated."""
    today = today or timezone.localdate()
    convening = (
        Convening.objects.filter(start_date__lte=today)
        .exclude(status=ConveningStatus.CANCELLED)
        .aggregate(last=Max("start_date"))["last"]
    )
    outcome = Outcome.objects.filter(date__lte=today).aggregate(last=Max("date"))["last"]
    years = [d.year for d in (convening, outcome) if d]
    return max(years) if years else None


def oldest_unfinished_report_at():
    """When the longest-waiting report was requested (queued or rendering), or None.
    Operations' health check warns when it waited too long."""
    return StoredReport.objects.filter(
        status__in=(ReportStatus.QUEUED, ReportStatus.RENDERING)
    ).aggregate(oldest=Min("requested_at"))["oldest"]


def substantiation_label(outcome: Outcome) -> str:
    """How far the outcome is substantiated, as staff read it (the learning page asks only
    this). Today the staff's verification field; substantiation by independent people
    replaces the body of this function."""
    return outcome.get_verification_display()
