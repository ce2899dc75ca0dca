"""The report task: claims once, stores the file, marks done; failures and time limits."""

from __future__ import annotations

import pytest

from outcomes import services
from outcomes.models import ReportStatus
from outcomes.tasks import render_stored_report

from . import factories

pytestmark = pytest.mark.django_db


def test_task_stores_the_file_and_marks_done():
    factories.build_network()
    report = factories.StoredReportFactory(format="xlsx")
    render_stored_report.delay(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.progress == 100
    assert report.file.name.endswith(".xlsx")
    assert report.file.read().startswith(b"PK")


def test_task_is_safe_to_run_twice():
    report = factories.StoredReportFactory(format="csv")
    render_stored_report.delay(report_id=report.pk)
    report.refresh_from_db()
    first = report.file.name
    assert services.generate_report(report_id=report.pk) is None
    report.refresh_from_db()
    assert report.file.name == first
    assert report.status == ReportStatus.DONE


def test_missing_report_is_ignored():
    render_stored_report.delay(report_id=987654)


def test_failure_is_recorded(monkeypatch):
    from outcomes.reports import render as render_module

    def broken(**kwargs):
        raise ValueError("no good")

    monkeypatch.setattr(render_module, "report_data", broken)
    report = factories.StoredReportFactory(format="csv")
    render_stored_report.delay(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "no good" in report.error


def test_time_limit_marks_the_report_failed(monkeypatch, settings):
    from outcomes import tasks
    from outcomes.reports import render as render_module

    def slow(**kwargs):
        raise render_module.ReportTimeoutError("took too long")

    monkeypatch.setattr(render_module, "report_data", slow)
    report = factories.StoredReportFactory(format="csv")
    tasks.render_stored_report.delay(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "longer than" in report.error


def test_task_has_celery_time_limits(settings):
    assert render_stored_report.soft_time_limit == settings.REPORT_RENDER_TIME_LIMIT
    assert render_stored_report.time_limit > settings.REPORT_RENDER_TIME_LIMIT


def test_beat_renders_a_report_whose_task_was_lost():
    from datetime import timedelta

    from django.utils import timezone

    from outcomes.models import StoredReport
    from outcomes.tasks import requeue_stalled_reports

    lost = factories.StoredReportFactory(format="csv")
    fresh = factories.StoredReportFactory(format="csv")
    done = factories.StoredReportFactory(format="csv")
    render_stored_report.delay(report_id=done.pk)
    # `lost` was asked for before Redis went away; `fresh` may still be in the queue.
    StoredReport.objects.filter(pk__in=[lost.pk, done.pk]).update(
        requested_at=timezone.now() - services.STALLED_AFTER - timedelta(minutes=1)
    )
    assert requeue_stalled_reports.delay().get() == 1
    statuses = dict(StoredReport.objects.values_list("pk", "status"))
    assert statuses == {
        lost.pk: ReportStatus.DONE,
        fresh.pk: ReportStatus.QUEUED,
        done.pk: ReportStatus.DONE,
    }
