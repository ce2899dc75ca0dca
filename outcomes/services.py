"""Writes for outcomes: recording and editing outcomes and lessons, requesting and storing reports.

Changes to outcomes go through the audit log. Report files are produced by
`generate_report`, which the Celery task calls; it claims the row with a conditional
UPDATE so a task delivered twice renders once.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone

from accounts.audit import diff, record, snapshot
from accounts.models import User
from operations.trash import delete_object
from participants.protection_services import resolve_if_clean, strip_names_from_files

from .models import (
    ChallengeLesson,
    Outcome,
    ReportFailure,
    ReportKind,
    ReportStatus,
    StoredReport,
)
from .reports.render import ReportTimeoutError, render_report

logger = logging.getLogger(__name__)

AUDITED_FIELDS = ["kind", "country", "is_regional", "date", "title", "verification"]


def _relations(outcome: Outcome) -> dict[str, list[int]]:
    return {
        "champions": sorted(outcome.champions.values_list("pk", flat=True)),
        "convenings": sorted(outcome.convenings.values_list("pk", flat=True)),
        "frameworks": sorted(outcome.frameworks.values_list("pk", flat=True)),
    }


def _changed_fields(formset, item) -> set[str]:
    return next((set(f.changed_data) for f in formset.forms if f.instance is item), set())


@transaction.atomic
def save_outcome(
    *, form, evidence_formset, by: User, create_key: uuid.UUID | None = None
) -> Outcome:
    """Create or update an outcome from its validated form and evidence formset.

    `create_key` is the key of the form that creates it (unique; see outcomes/duplicates.py).
    """
    creating = form.instance.pk is None
    # The form has already written its values onto form.instance; compare with the stored row.
    stored = None if creating else Outcome.objects.get(pk=form.instance.pk)
    before = {} if stored is None else {**snapshot(stored, AUDITED_FIELDS), **_relations(stored)}
    outcome = form.save(commit=False)
    outcome.is_regional = outcome.country_id is None
    if creating:
        outcome.created_by = by if getattr(by, "is_authenticated", False) else None
        outcome.create_key = create_key
    outcome.save()
    form.save_m2m()
    evidence_formset.instance = outcome
    for item in evidence_formset.save(commit=False):
        item.save()
        if "file" in _changed_fields(evidence_formset, item):
            # A file withheld for what it said is replaced by one that passed the check.
            resolve_if_clean(item)
    # Evidence ticked "delete" goes to "Recently deleted", where it can be restored.
    for item in evidence_formset.deleted_objects:
        delete_object(obj=item, by=by)
    # An uploaded file's name may name someone who may not be named (participants.protection).
    strip_names_from_files(outcome.evidence.all(), field="file")
    after = {**snapshot(outcome, AUDITED_FIELDS), **_relations(outcome)}
    record(
        actor=by,
        action="outcome.created" if creating else "outcome.updated",
        obj=outcome,
        changes=diff(before, after),
    )
    return outcome


@transaction.atomic
def save_challenge(*, form, by: User) -> ChallengeLesson:
    creating = form.instance.pk is None
    fields = ["category", "year", "what_happened", "response"]
    before = {} if creating else snapshot(ChallengeLesson.objects.get(pk=form.instance.pk), fields)
    item = form.save()
    record(
        actor=by,
        action="challenge.created" if creating else "challenge.updated",
        obj=item,
        changes=diff(before, snapshot(item, fields)),
    )
    return item


@transaction.atomic
def request_report(
    *, kind: str, start_year: int, end_year: int, language: str, fmt: str, by: User
) -> StoredReport:
    """Queue a report; the file is rendered in the background and stored on the row."""
    if kind == ReportKind.ANNUAL:
        end_year = start_year
    report = StoredReport.objects.create(
        kind=kind,
        start_year=start_year,
        end_year=end_year,
        language=language,
        format=fmt,
        generated_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record(actor=by, action="report.requested", obj=report)
    # outcomes.tasks imports this module at load: the task is imported when it is queued.
    from .tasks import render_stored_report  # noqa: PLC0415  outcomes.tasks imports this module at load

    render_stored_report.delay_on_commit(report_id=report.pk)
    return report


def render_stored_reports_again(*, by: User | None = None, reports=None) -> int:
    """Render every stored report file (or those of `reports`) again (after an erasure or a
    withdrawn consent: an old file may print a name the platform must no longer show). The
    old files are deleted now."""
    # outcomes.tasks imports this module at load: the task is imported when it is queued.
    from .tasks import render_stored_report  # noqa: PLC0415  outcomes.tasks imports this module at load

    ids = []
    reports = StoredReport.objects.all() if reports is None else reports
    for report in reports.select_for_update().exclude(file=""):
        report.file.delete(save=False)
        report.status = ReportStatus.QUEUED
        report.progress = 0
        report.generated_at = None
        report.save(update_fields=["file", "status", "progress", "generated_at"])
        record(actor=by, action="report.requested", obj=report, changes={"again": [None, True]})
        ids.append(report.pk)
    for report_id in ids:
        render_stored_report.delay_on_commit(report_id=report_id)
    return len(ids)


def render_reports_after_erasure(*, participant, by: User | None, **kwargs) -> dict[str, int]:
    """accounts.signals.person_erased: a stored report may print the erased name."""
    return {"stored reports rendered again": render_stored_reports_again(by=by)}


def _set_progress(report_id: int, percent: int) -> None:
    StoredReport.objects.filter(pk=report_id, status=ReportStatus.RENDERING).update(
        progress=percent
    )


# A report still queued this long most likely lost its task message with Redis.
STALLED_AFTER = dt.timedelta(minutes=15)


def requeue_stalled_reports() -> int:
    """Queue again the reports still waiting STALLED_AFTER after they were asked for.

    Beat runs this; `generate_report` claims a queued row, so a report whose first task
    is only slow is not rendered twice."""
    # outcomes.tasks imports this module at load: the task is imported when it is queued.
    from .tasks import render_stored_report  # noqa: PLC0415  outcomes.tasks imports this module at load

    ids = list(
        StoredReport.objects.filter(
            status=ReportStatus.QUEUED, requested_at__lte=timezone.now() - STALLED_AFTER
        ).values_list("pk", flat=True)
    )
    for report_id in ids:
        render_stored_report.delay(report_id=report_id)
    if ids:
        logger.warning("re-queued %s stalled reports", len(ids))
    return len(ids)


def generate_report(*, report_id: int) -> StoredReport | None:
    """Render and store one queued report. Safe to run twice: only a QUEUED row is claimed."""
    claimed = StoredReport.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RENDERING, progress=10, error=""
    )
    if claimed != 1:
        logger.info("Report %s is gone or already claimed; nothing to do.", report_id)
        return None
    report = StoredReport.objects.get(pk=report_id)
    try:
        content = render_report(
            kind=report.kind,
            start_year=report.start_year,
            end_year=report.end_year,
            language=report.language,
            fmt=report.format,
            progress=lambda percent: _set_progress(report_id, percent),
        )
    except OperationalError:
        # Transient: hand the row back so the task's retry can claim it again.
        StoredReport.objects.filter(pk=report_id).update(status=ReportStatus.QUEUED, progress=0)
        raise
    except (ReportTimeoutError, SoftTimeLimitExceeded):
        raise  # the task records the time-out
    except Exception as exc:
        logger.exception("Report %s failed to render.", report_id)
        failure = (
            ReportFailure.DATA
            if isinstance(exc, ValueError | UnicodeError)  # openpyxl and encoders say so
            else ReportFailure.UNEXPECTED
        )
        fail_report(report_id=report_id, error=f"{type(exc).__name__}: {exc}", failure=failure)
        return None
    _set_progress(report_id, 90)
    try:
        with transaction.atomic():
            report = StoredReport.objects.select_for_update().get(pk=report_id)
            report.file.save(report.download_name(), ContentFile(content), save=False)
            report.status = ReportStatus.DONE
            report.progress = 100
            report.generated_at = timezone.now()
            report.save(update_fields=["file", "status", "progress", "generated_at"])
    except OSError as exc:  # the storage (a full disk, an unreachable bucket)
        logger.exception("Report %s could not be stored.", report_id)
        fail_report(
            report_id=report_id,
            error=f"{type(exc).__name__}: {exc}",
            failure=ReportFailure.STORAGE,
        )
        return None
    return report


def fail_report(*, report_id: int, error: str, failure: str = ReportFailure.UNEXPECTED) -> None:
    """Mark a report failed with why (shown in the admin's language) and the technical
    detail. A report already done keeps its file; earlier reports of the same period are
    untouched, so the last good file stays downloadable beside the failed one."""
    StoredReport.objects.filter(pk=report_id).exclude(status=ReportStatus.DONE).update(
        status=ReportStatus.FAILED, error=error[:2000], failure=failure
    )
