"""The report task: claims once, stores the file, marks done; failures and time limits."""

from __future__ import annotations

import smtplib

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail import EmailMessage

from outcomes import services
from outcomes.models import ReportStatus
from outcomes.tasks import (
    render_stored_report,
    send_substantiation_reminder,
    send_substantiation_request,
)

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


# --- Substantiation e-mails: claimed, sent, released through common.deliveries.send_claimed


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    return monkeypatch


def test_a_request_is_sent_once_however_often_its_task_runs():
    row = factories.SubstantiatorFactory(mail_status="queued", sent_at=None)
    send_substantiation_request.delay(substantiator_id=row.pk)
    send_substantiation_request.delay(substantiator_id=row.pk)
    row.refresh_from_db()
    assert len(mail.outbox) == 1
    assert (row.mail_status, row.sent_at is not None) == ("sent", True)


def test_a_failed_request_is_released_with_why_and_a_later_send_clears_the_error(
    mail_server_down,
):
    row = factories.SubstantiatorFactory(mail_status="queued", sent_at=None)
    with pytest.raises(Retry):  # the worker tries again later
        send_substantiation_request.delay(substantiator_id=row.pk)
    row.refresh_from_db()
    assert (row.mail_status, row.sent_at) == ("failed", None)
    assert "the mail server went away" in row.mail_error
    mail_server_down.undo()
    send_substantiation_request.delay(substantiator_id=row.pk)
    row.refresh_from_db()
    assert len(mail.outbox) == 1
    assert row.mail_status == "sent"
    # Staff's page no longer shows the old failure next to a request that went out.
    assert row.mail_error == ""


def test_a_failed_reminder_is_released_so_the_retry_sends_it(mail_server_down):
    row = factories.SubstantiatorFactory()
    with pytest.raises(Retry):
        send_substantiation_reminder.delay(substantiator_id=row.pk)
    row.refresh_from_db()
    assert row.reminded_at is None
    mail_server_down.undo()
    send_substantiation_reminder.delay(substantiator_id=row.pk)
    send_substantiation_reminder.delay(substantiator_id=row.pk)
    row.refresh_from_db()
    assert row.reminded_at is not None
    assert len(mail.outbox) == 1
