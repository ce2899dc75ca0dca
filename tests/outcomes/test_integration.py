"""A report rendered by a real Celery worker on PostgreSQL and Redis; queries on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from kombu import pools

from outcomes import services
from outcomes.models import ReportStatus, StoredReport
from outcomes.reports.selectors import report_data
from tests.servers import wait_until

from . import factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_renders_stores_and_marks_a_thai_report_done(celery_worker, admin_user):
    # Earlier integration tests close the broker pools kombu keeps per URL; start afresh.
    pools.reset()
    factories.build_network()
    report = services.request_report(
        kind="five_year", start_year=2019, end_year=2024, language="th", fmt="pdf", by=admin_user
    )
    assert wait_until(
        lambda: (
            StoredReport.objects.get(pk=report.pk).status
            in (ReportStatus.DONE, ReportStatus.FAILED)
        ),
        timeout=90,
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    assert report.progress == 100
    assert report.file.read().startswith(b"%PDF")


def test_report_queries_are_constant_on_postgresql():
    factories.build_network(scale=1)
    with CaptureQueriesContext(connection) as small:
        report_data(kind="annual", start_year=2023, end_year=2023)
    factories.build_network(scale=3)
    with CaptureQueriesContext(connection) as large:
        report_data(kind="annual", start_year=2023, end_year=2023)
    assert len(small.captured_queries) == len(large.captured_queries)
