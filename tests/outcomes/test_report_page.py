"""The admin's Reports page: the proposed year, bad periods, the preview, progress and
failures said in the admin's language, empty periods."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts import services as account_services
from outcomes import services
from outcomes.models import ReportFailure, ReportStatus, StoredReport
from outcomes.reports.render import render_report
from outcomes.tasks import render_stored_report
from tests import factories as core
from tests.outcomes.reports.pdf import pdf_text

from . import factories

pytestmark = pytest.mark.django_db


def _th(prefix: str) -> str:
    """The Thai catalogue's translation of the message starting with `prefix`."""
    from django.utils.translation import trans_real

    catalog = trans_real.translation("th")._catalog
    return next(v for k, v in catalog.items() if isinstance(k, str) and k.startswith(prefix))


def field_errors(page: str, name: str) -> str:
    """The error text Django ties to the field `name` (aria-describedby id_<name>_error)."""
    match = re.search(rf'id="id_{name}_error"[^>]*>(.*?)</', page, re.S)
    return match.group(1) if match else ""


def test_form_proposes_the_latest_year_with_activity(admin_client_):
    core.ConveningFactory(start_date=dt.date(2023, 4, 1), end_date=dt.date(2023, 4, 2))
    factories.OutcomeFactory(date=dt.date(2022, 5, 1))
    page = admin_client_.get(reverse("outcomes:reports")).content.decode()
    year = re.search(r'<select name="year"[^>]*>.*?</select>', page, re.S).group(0)
    assert '<option value="2023" selected>' in year
    # A cancelled convening, or one still to come, is not activity.
    today = timezone.localdate()
    core.ConveningFactory(start_date=today + dt.timedelta(days=400), status="planned")
    page = admin_client_.get(reverse("outcomes:reports")).content.decode()
    year = re.search(r'<select name="year"[^>]*>.*?</select>', page, re.S).group(0)
    assert '<option value="2023" selected>' in year


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        (
            {"kind": "five_year", "start_year": "2024", "end_year": "2020"},
            "end_year",
            "The last year must not be before the first.",
        ),
        (
            {"kind": "five_year", "start_year": "2012", "end_year": "2020"},
            "start_year",
            "Choose a year from 2019 to",
        ),
        ({"kind": "annual", "year": "2999"}, "year", "Choose a year from 2019 to"),
    ],
)
def test_bad_periods_are_refused_next_to_the_field(admin_client_, posted, field, message):
    data = {"start_year": "2019", "end_year": "2024", "language": "en", "format": "pdf"}
    response = admin_client_.post(reverse("outcomes:reports"), {**data, **posted})
    assert response.status_code == 200
    assert message in field_errors(response.content.decode(), field)
    assert not StoredReport.objects.exists()


def test_bad_period_message_is_in_the_admins_language(admin_client_, admin_user):
    account_services.set_language(user=admin_user, language="th")
    response = admin_client_.post(
        reverse("outcomes:reports"),
        {
            "kind": "annual",
            "year": "2012",
            "start_year": "2019",
            "end_year": "2024",
            "language": "en",
            "format": "pdf",
        },
    )
    error = field_errors(response.content.decode(), "year")
    with translation.override("th"):
        assert field_errors(response.content.decode(), "year").startswith(
            "<li>" + _th("Choose a year from %(first)s to %(last)s")[:10]
        )
    assert "Choose a year" not in error
    assert "2019" in error


def test_preview_shows_the_figures_and_charts_of_the_period(admin_client_):
    factories.build_network(year=2023)
    page = admin_client_.get(
        reverse("outcomes:reports"),
        {
            "preview": "1",
            "kind": "annual",
            "year": "2023",
            "start_year": "2019",
            "end_year": "2024",
            "language": "en",
            "format": "pdf",
        },
    ).content.decode()
    assert "Preview: Annual progress report 2023" in page
    stats = {
        label: int(value)
        for value, label in re.findall(
            r'<span class="value">(\d+)</span><span class="label">([^<]+)<', page
        )
    }
    assert stats["Participants engaged in convenings"] == 15
    assert stats["Outcomes recorded"] == 4
    assert '<table class="chart"><caption>Participants by sector</caption>' in page
    assert "<svg" in page
    assert not StoredReport.objects.exists()  # a preview writes nothing


def test_preview_sent_with_the_csrf_token_redirects_to_an_address_without_it(admin_client_):
    """The preview button sends the form by GET: the token must not stay in the address."""
    query = {
        "csrfmiddlewaretoken": "secret-token",
        "kind": "annual",
        "year": "2023",
        "start_year": "2019",
        "end_year": "2024",
        "language": "en",
        "format": "pdf",
        "preview": "1",
    }
    response = admin_client_.get(reverse("outcomes:reports"), query)
    assert response.status_code == 302
    assert "secret-token" not in response.url
    assert "csrfmiddlewaretoken" not in response.url
    assert "year=2023" in response.url
    assert "preview=1" in response.url
    page = admin_client_.get(response.url).content.decode()
    assert "Preview: Annual progress report 2023" in page


def test_preview_of_an_empty_period_says_so(admin_client_):
    page = admin_client_.get(
        reverse("outcomes:reports"),
        {
            "preview": "1",
            "kind": "annual",
            "year": "2020",
            "start_year": "2019",
            "end_year": "2024",
            "language": "en",
            "format": "pdf",
        },
    ).content.decode()
    assert "Nothing was recorded for 2020" in page
    assert '<table class="chart">' not in page


def test_failed_render_says_why_in_the_admins_language_and_keeps_the_previous_file(
    admin_client_, admin_user, monkeypatch
):
    from outcomes.reports import render as render_module

    earlier = factories.StoredReportFactory(format="csv")
    render_stored_report.delay(report_id=earlier.pk)
    earlier.refresh_from_db()
    assert earlier.status == ReportStatus.DONE

    def broken(**kwargs):
        raise ValueError("bad character in outcome 7")

    monkeypatch.setattr(render_module, "report_data", broken)
    failed = factories.StoredReportFactory(format="csv")
    render_stored_report.delay(report_id=failed.pk)
    failed.refresh_from_db()
    assert (failed.status, failed.failure) == (ReportStatus.FAILED, ReportFailure.DATA)
    earlier.refresh_from_db()
    assert earlier.status == ReportStatus.DONE
    assert earlier.file

    url = reverse("outcomes:report-status", args=[failed.pk])
    cell = admin_client_.get(url).content.decode()
    assert "Some of the records could not be written into this format." in cell
    assert "bad character in outcome 7" in cell  # the technical detail, for maintainers
    assert reverse("outcomes:report-download", args=[earlier.pk]) in cell
    assert "hx-trigger" not in cell

    account_services.set_language(user=admin_user, language="th")
    cell_th = admin_client_.get(url).content.decode()
    with translation.override("th"):
        reason = str(ReportFailure.DATA.label)
    assert reason in cell_th
    assert "Some of the records could not" not in cell_th


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (ReportStatus.QUEUED, "Queued"),
        (ReportStatus.RENDERING, "Rendering"),
        (ReportStatus.DONE, "Ready"),
        (ReportStatus.FAILED, "Failed"),
    ],
)
def test_status_cell_shows_each_state_and_polls_only_while_pending(admin_client_, status, shown):
    report = factories.StoredReportFactory(status=status, progress=40)
    if status == ReportStatus.DONE:
        from django.core.files.base import ContentFile

        report.file.save("r.csv", ContentFile(b"x"), save=True)
    cell = admin_client_.get(reverse("outcomes:report-status", args=[report.pk])).content.decode()
    assert shown in cell
    assert ('hx-trigger="every 2s"' in cell) == (
        status in (ReportStatus.QUEUED, ReportStatus.RENDERING)
    )


def test_time_limit_failure_is_named(monkeypatch, settings):
    report = factories.StoredReportFactory(format="csv")
    services.fail_report(report_id=report.pk, error="slow", failure=ReportFailure.TIME_LIMIT)
    report.refresh_from_db()
    assert report.get_failure_display().startswith("Rendering took longer than the time allowed")


@pytest.mark.parametrize("language", ["en", "th"])
def test_an_empty_period_is_a_one_page_report_that_says_so(language):
    factories.build_network(year=2023)
    content = render_report(
        kind="annual", start_year=2020, end_year=2020, language=language, fmt="pdf"
    )
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    if language == "en":
        assert "Nothing was recorded for 2020" in pdf_text(content)
    rows = list(
        csv.reader(
            io.StringIO(
                render_report(
                    kind="annual", start_year=2020, end_year=2020, language="en", fmt="csv"
                ).decode("utf-8-sig")
            )
        )
    )
    assert any(row and row[0].startswith("Nothing was recorded for 2020") for row in rows)
    book = load_workbook(
        io.BytesIO(
            render_report(kind="annual", start_year=2020, end_year=2020, language="en", fmt="xlsx")
        )
    )
    assert len(book.sheetnames) == 1
    # The period with activity is not empty.
    assert (
        len(
            PdfReader(
                io.BytesIO(
                    render_report(
                        kind="annual", start_year=2023, end_year=2023, language="en", fmt="pdf"
                    )
                )
            ).pages
        )
        > 1
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--kind", "annual", "--year", "2012"],
        ["--kind", "five-year", "--from", "2019", "--to", "2999"],
    ],
)
def test_export_command_refuses_years_outside_the_platforms_history(tmp_path, args):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Years must be from 2019"):
        call_command("export_report", *args, "--output", str(tmp_path / "r.pdf"))


def test_stored_reports_say_the_zone_of_the_time_they_were_requested(admin_client_):
    """A time a person reads is always in a named zone."""
    StoredReport.objects.create(
        kind="annual", start_year=2024, end_year=2024, language="en", format="csv"
    )
    page = admin_client_.get(reverse("outcomes:reports")).content.decode()
    stamp = timezone.localtime(StoredReport.objects.get().requested_at)
    assert stamp.strftime("%H:%M ") + stamp.tzname() in page
