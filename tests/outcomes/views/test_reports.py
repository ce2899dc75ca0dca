"""The Reports page: the default range, reports generated in the background, status polling,
an annual report needs a year.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from outcomes.models import ReportStatus, StoredReport
from tests.outcomes import factories

pytestmark = pytest.mark.django_db


def test_reports_page_defaults_to_the_five_year_range(admin_client_):
    page = admin_client_.get(reverse("outcomes:reports")).content.decode()
    assert 'value="five_year" required id="id_kind_1" checked' in page
    assert '<option value="2019" selected>' in page
    assert '<option value="2024" selected>' in page


def test_admin_generates_a_report_in_the_background(
    admin_client_, admin_user, django_capture_on_commit_callbacks
):
    factories.build_network()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client_.post(
            reverse("outcomes:reports"),
            {
                "kind": "five_year",
                "start_year": "2019",
                "end_year": "2024",
                "language": "th",
                "format": "pdf",
            },
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    report = StoredReport.objects.get()
    assert report.status == ReportStatus.DONE
    assert report.progress == 100
    assert report.generated_by == admin_user
    assert report.generated_at is not None
    assert report.file.read().startswith(b"%PDF")
    status = admin_client_.get(reverse("outcomes:report-status", args=[report.pk])).content.decode()
    assert reverse("outcomes:report-download", args=[report.pk]) in status
    assert "hx-trigger" not in status


def test_pending_report_status_polls(admin_client_):
    report = factories.StoredReportFactory(status=ReportStatus.RENDERING, progress=35)
    status = admin_client_.get(reverse("outcomes:report-status", args=[report.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in status
    assert 'value="35"' in status


def test_annual_report_needs_a_year(admin_client_):
    response = admin_client_.post(
        reverse("outcomes:reports"),
        {
            "kind": "annual",
            "year": "",
            "start_year": "2019",
            "end_year": "2024",
            "language": "en",
            "format": "csv",
        },
    )
    assert response.status_code == 200
    assert not StoredReport.objects.exists()
