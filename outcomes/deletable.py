"""Outcomes and their evidence can be deleted into "Recently deleted" (operations.trash);
a stored report whose years a delete, restore or withdrawal touches is marked outdated."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from operations.trash import Kind, register, when_report_year_changes

from .models import OutcomeEvidence, ReportStatus, StoredReport


def mark_reports_outdated(year: int) -> int:
    """Ready stored reports whose period covers `year` no longer match the records: their
    file stays as it was and the reports page says the report is outdated."""
    return StoredReport.objects.filter(
        status=ReportStatus.DONE,
        outdated_at__isnull=True,
        start_year__lte=year,
        end_year__gte=year,
    ).update(outdated_at=timezone.now())


def _files(rows) -> list:
    return [(row.file.storage, row.file.name) for row in rows if row.file]


def register_kinds() -> None:
    register(
        Kind(
            key="outcome",
            model_label="outcomes.Outcome",
            label=gettext_lazy("Outcome"),
            report_year=lambda o: o.date.year,
            # Deleted, its own page is gone: back to the list.
            home=lambda o: reverse("outcomes:staff-list"),
            # Its evidence goes with it (cascade), files and all.
            files=lambda o: _files(OutcomeEvidence.all_objects.filter(outcome=o)),
            purge_rank=5,
        ),
        Kind(
            key="evidence",
            model_label="outcomes.OutcomeEvidence",
            label=gettext_lazy("Evidence"),
            parents=("outcome",),
            home=lambda e: reverse("outcomes:staff-edit", args=[e.outcome_id]),
            select_related=("outcome",),
            belongs_to="outcome",
            files=lambda e: _files([e]),
            purge_rank=0,
        ),
    )
    when_report_year_changes(mark_reports_outdated)
