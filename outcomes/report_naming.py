"""Stored reports after a champion's report consent or visibility changes
(participants.signals.report_naming_changed, connected in OutcomesConfig.ready).

A report names a champion only with a named profile and consent (outcomes.reports.naming).
The stored reports whose period covers an outcome the person champions are the ones that
printed them, or described them: when the person may no longer be named, those files are
deleted and rendered again now, as after an erasure (an old file must not keep printing the
name); when they may now be named, the reports are marked outdated (the file stays, and the
reports page says it no longer matches the records)."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from participants.models import Participant

from .models import ReportStatus, StoredReport
from .services import render_stored_reports_again


def reports_about(participant: Participant):
    """Stored reports whose period covers an outcome this person champions."""
    years = {d.year for d in participant.championed_outcomes.values_list("date", flat=True)}
    if not years:
        return StoredReport.objects.none()
    covers = Q()
    for year in years:
        covers |= Q(start_year__lte=year, end_year__gte=year)
    return StoredReport.objects.filter(covers)


def reports_after_naming_change(
    *, participant: Participant, named: bool, by: User | None, **kwargs
) -> dict[str, int]:
    reports = reports_about(participant)
    if not named:
        return {
            "stored reports rendered again": render_stored_reports_again(by=by, reports=reports)
        }
    outdated = reports.filter(status=ReportStatus.DONE, outdated_at__isnull=True).update(
        outdated_at=timezone.now()
    )
    return {"stored reports marked outdated": outdated}
