"""Report rendering stops at its hard time limit inside the task itself.

tests/outcomes already proves the URL fetcher (remote, file:// outside the app's static
files, ../ escapes and data: URLs refused; `html_to_pdf` fetches through it), the
command's deadline, and that the task carries Celery's soft and hard limits. What they
leave open is the task's own deadline: its test raises the time-out by hand, so the
`deadline(...)` around the render could go and nothing would fail. Here a render that
hangs must be cut off by it.
"""

from __future__ import annotations

import time

import pytest

from outcomes.models import ReportStatus
from outcomes.reports import render as render_module
from outcomes.tasks import render_stored_report
from tests.outcomes.factories import StoredReportFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_a_hanging_render_is_cut_off_by_the_tasks_own_deadline(settings, monkeypatch):
    settings.REPORT_RENDER_TIME_LIMIT = 1
    monkeypatch.setattr(render_module, "report_data", lambda **kwargs: time.sleep(30))
    report = StoredReportFactory(format="pdf")

    started = time.monotonic()
    render_stored_report.apply(kwargs={"report_id": report.pk})  # in this (main) thread
    elapsed = time.monotonic() - started

    assert elapsed < 10, f"the render ran {elapsed:.1f} s past a 1 s limit"
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.error == "Rendering took longer than 1 seconds."
