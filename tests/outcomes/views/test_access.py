"""Who may open the outcome pages and reports, and how files are served: anonymous people
sign in, participants are refused, reports are for admins, files have no public URL and a
missing file answers 404.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from outcomes.models import ReportStatus
from tests.outcomes import factories

pytestmark = pytest.mark.django_db


STAFF_URLS = [
    ("outcomes:staff-list", False),
    ("outcomes:staff-create", False),
    ("outcomes:staff-edit", True),
    ("outcomes:challenges", False),
    ("outcomes:challenge-create", False),
]


ADMIN_URLS = ["outcomes:reports", "outcomes:report-status", "outcomes:report-download"]


def _url(name, outcome, report):
    if name == "outcomes:staff-edit":
        return reverse(name, args=[outcome.pk])
    if name in ("outcomes:report-status", "outcomes:report-download"):
        return reverse(name, args=[report.pk])
    return reverse(name)


@pytest.mark.parametrize("name", [n for n, _ in STAFF_URLS] + ADMIN_URLS)
def test_anonymous_is_sent_to_sign_in(client, name, outcome, done_report):
    response = client.get(_url(name, outcome, done_report))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("name", [n for n, _ in STAFF_URLS] + ADMIN_URLS)
def test_participants_and_other_users_are_refused(
    participant_client, other_user, name, outcome, done_report
):
    assert participant_client.get(_url(name, outcome, done_report)).status_code == 403
    other = Client()
    other.force_login(other_user)
    assert other.get(_url(name, outcome, done_report)).status_code == 403


@pytest.mark.parametrize("name", [n for n, _ in STAFF_URLS])
def test_staff_and_admins_reach_staff_pages(
    staff_client, admin_client_, name, outcome, done_report
):
    assert staff_client.get(_url(name, outcome, done_report)).status_code == 200
    assert admin_client_.get(_url(name, outcome, done_report)).status_code == 200


@pytest.mark.parametrize("name", ADMIN_URLS)
def test_staff_who_are_not_admins_cannot_reach_reports(staff_client, name, outcome, done_report):
    response = staff_client.get(_url(name, outcome, done_report))
    assert response.status_code == 403
    assert b"secret figures" not in response.getvalue()


def test_admin_downloads_a_stored_report(admin_client_, done_report):
    response = admin_client_.get(reverse("outcomes:report-download", args=[done_report.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 secret figures"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_unfinished_report_is_not_downloadable(admin_client_):
    report = factories.StoredReportFactory(status=ReportStatus.RENDERING)
    response = admin_client_.get(reverse("outcomes:report-download", args=[report.pk]))
    assert response.status_code == 404


def test_report_files_have_no_public_url(settings):
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve(settings.MEDIA_URL + "reports/2026/annual-report-2023-en.pdf")


def test_evidence_file_is_downloadable_by_staff_only(
    client, staff_client, participant_client, file_evidence
):
    url = reverse("outcomes:evidence-download", args=[file_evidence.pk])
    assert client.get(url).status_code == 302
    assert participant_client.get(url).status_code == 403
    response = staff_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 protocol"
    page = staff_client.get(reverse("outcomes:staff-edit", args=[file_evidence.outcome_id]))
    assert url in page.content.decode()


def test_evidence_without_a_file_is_404(staff_client, outcome):
    from outcomes.models import OutcomeEvidence

    item = OutcomeEvidence.objects.create(outcome=outcome, kind="note", note="Told by phone")
    url = reverse("outcomes:evidence-download", args=[item.pk])
    assert staff_client.get(url).status_code == 404


def test_report_whose_file_is_gone_is_404(admin_client_, done_report):
    done_report.file.storage.delete(done_report.file.name)
    response = admin_client_.get(reverse("outcomes:report-download", args=[done_report.pk]))
    assert response.status_code == 404
