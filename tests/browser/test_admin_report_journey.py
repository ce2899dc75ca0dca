"""An admin's journey: signed in with TOTP, the five-year summary generated and downloaded.

In tests Celery runs eagerly, so a report requested from the page would be finished before
the page even came back and the status cell would never poll. Here the task is held back
instead: the page shows the report queued, htmx polls the status cell, the "worker" (this
test) renders the report, and the next poll swaps in the download link, as in production.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from accounts import services as account_services
from outcomes import tasks
from outcomes.models import ReportStatus, StoredReport
from tests import factories
from tests.browser.helpers import activate_totp, sign_in_with_totp
from tests.outcomes.factories import build_network

pytestmark = pytest.mark.browser


def test_admin_generates_and_downloads_the_five_year_summary(page, settings, monkeypatch):
    settings.REQUIRE_STAFF_MFA = True
    build_network(year=2022)
    admin = factories.UserFactory(email="director@example.org", name="Programme Director")
    account_services.set_role(user=admin, role="admin")
    activate_totp(admin)
    held: list[dict] = []
    monkeypatch.setattr(
        tasks.render_stored_report, "delay_on_commit", lambda **kwargs: held.append(kwargs)
    )

    sign_in_with_totp(page, email=admin.email, after=r"/staff/$")
    page.get_by_role("navigation").get_by_role("link", name="Reports").click()
    page.wait_for_url(re.compile(r"/staff/reports/$"))
    assert page.locator("h1").inner_text() == "Reports"

    form = page.get_by_role("main").locator("form")  # not the language switcher above it
    form.get_by_role("radio", name="Five-year summary").check()
    form.get_by_label("From (five-year summary)").select_option("2019")
    form.get_by_label("To (five-year summary)").select_option("2024")
    form.get_by_label("Language").select_option(label="English")
    form.get_by_role("radio", name="PDF").check()
    page.screens("report-form")
    page.get_by_role("button", name="Generate").click()
    page.get_by_text("The report is being generated.").wait_for()

    [report] = StoredReport.objects.all()
    assert (report.kind, report.start_year, report.end_year, report.language, report.format) == (
        "five_year",
        2019,
        2024,
        "en",
        "pdf",
    )
    assert held == [{"report_id": report.pk}]
    status = page.locator(f"#report-{report.pk}-status")
    assert status.get_by_text("Queued").is_visible()
    page.screens("queued")

    # The page polls while the report waits (the answer: still queued).
    status_url = re.compile(rf"/staff/reports/{report.pk}/status/$")
    with page.expect_response(status_url) as polled:
        pass
    assert polled.value.ok
    # Polls that fall due while the report renders wait in the browser until the test
    # returns to it, so the page and the render never share the database at once.
    page.route(status_url, lambda route: route.continue_())
    tasks.render_stored_report.delay(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error

    link = status.get_by_role("link", name="Download five-year-summary-2019-2024-en.pdf")
    link.wait_for(timeout=10_000)
    page.screens("done")

    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename == "five-year-summary-2019-2024-en.pdf"
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF")

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Five-year summary 2019\u20132024"
    cover = reader.pages[0].extract_text()
    assert "Five-year summary" in cover
    assert "2019\u20132024" in cover
