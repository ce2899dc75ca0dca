"""Staff pages: access matrix, list query counts, recording outcomes, the Reports page."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEntry
from outcomes.models import ChallengeLesson, Outcome, ReportStatus, StoredReport
from tests import factories as core

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcome():
    return factories.OutcomeFactory()


@pytest.fixture
def done_report(admin_user):
    from django.core.files.base import ContentFile

    report = factories.StoredReportFactory(status=ReportStatus.DONE, generated_by=admin_user)
    report.file.save("annual-report-2023-en.pdf", ContentFile(b"%PDF-1.7 secret figures"))
    return report


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


def _make_outcomes(n):
    country = core.CountryFactory(code="TH")
    for _ in range(n):
        o = factories.OutcomeFactory(country=country)
        o.champions.set([core.ParticipantFactory(country=country)])


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("params", [{}, {"q": "OUTCOME number", "kind": "", "sort": "-champions"}])
def test_outcome_list_query_count(staff_client, django_assert_num_queries, count, params):
    _make_outcomes(count)
    # user, their participant record (session: cache), groups (role), outcome years, countries for
    # the filter, paginator count, the outcomes page with annotated counts; then the idle
    # timeout's session save (savepoint, update, release).
    with django_assert_num_queries(10):
        response = staff_client.get(reverse("outcomes:staff-list"), params)
    assert response.status_code == 200
    assert response.content.count(b"Outcome number") == count


def test_outcome_list_filters(staff_client):
    th = core.CountryFactory(code="TH")
    factories.OutcomeFactory(country=th, title="Thai reform", kind="national_reform")
    factories.OutcomeFactory(
        country=None, is_regional=True, title="Regional statement", kind="regional_cooperation"
    )
    factories.OutcomeFactory(
        country=th, title="Old one", date="2020-02-02", verification="substantiated"
    )
    page = staff_client.get(
        reverse("outcomes:staff-list"), {"country": "regional"}
    ).content.decode()
    assert "Regional statement" in page
    assert "Thai reform" not in page
    page = staff_client.get(reverse("outcomes:staff-list"), {"year": "2020"}).content.decode()
    assert "Old one" in page
    assert "Thai reform" not in page
    page = staff_client.get(
        reverse("outcomes:staff-list"), {"verification": "substantiated", "kind": "national_reform"}
    ).content.decode()
    assert "Old one" in page
    assert "Thai reform" not in page


def _outcome_post(**extra):
    data = {
        "kind": "policy_champion",
        "country": "",
        "date": "2024-03-01",
        "verification": "reported",
        "title_en": "A champion leads a pilot",
        "title_th": "ผู้ผลักดันนำโครงการนำร่อง",
        "what_changed_en": "The pilot started.",
        "create_key": str(uuid.uuid4()),  # a fresh form each time (platform_site/once.py)
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-kind": "link",
        "evidence-0-url": "https://example.org/pilot",
        "evidence-0-description": "Launch notice",
    }
    data.update(extra)
    return data


def test_staff_records_an_outcome_with_evidence_champions_and_frameworks(staff_client, staff_user):
    champion = core.ParticipantFactory()
    convening = core.ConveningFactory()
    commitment = factories.FrameworkCommitmentFactory()
    response = staff_client.post(
        reverse("outcomes:staff-create"),
        _outcome_post(
            champions=[champion.pk], convenings=[convening.pk], frameworks=[commitment.pk]
        ),
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert outcome.is_regional
    assert outcome.country is None
    assert outcome.title_th == "ผู้ผลักดันนำโครงการนำร่อง"
    assert list(outcome.champions.all()) == [champion]
    assert list(outcome.convenings.all()) == [convening]
    assert list(outcome.frameworks.all()) == [commitment]
    assert outcome.evidence.get().url == "https://example.org/pilot"
    assert outcome.created_by == staff_user
    entry = AuditEntry.objects.get(action="outcome.created")
    assert entry.object_id == str(outcome.pk)


def test_outcome_form_errors_are_tied_to_fields(staff_client):
    response = staff_client.post(
        reverse("outcomes:staff-create"),
        _outcome_post(title_en="", **{"evidence-0-url": ""}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_title_en_error"' in page
    assert 'aria-invalid="true"' in page
    assert "Give the link." in page
    assert not Outcome.objects.exists()


def test_editing_an_outcome_is_audited(staff_client, outcome):
    outcome_title = outcome.title
    response = staff_client.post(
        reverse("outcomes:staff-edit", args=[outcome.pk]),
        _outcome_post(
            country=str(outcome.country_id), title_en="Renamed", **{"evidence-TOTAL_FORMS": "0"}
        ),
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.title_en == "Renamed"
    assert not outcome.is_regional
    entry = AuditEntry.objects.get(action="outcome.updated")
    assert entry.changes["title"] == [outcome_title, "Renamed"]


def test_staff_records_a_challenge(staff_client):
    response = staff_client.post(
        reverse("outcomes:challenge-create"),
        {
            "category": "resources",
            "year": "2024",
            "what_happened_en": "Funding ran short.",
            "response_en": "We shared costs.",
        },
    )
    assert response.status_code == 302
    item = ChallengeLesson.objects.get()
    assert item.year == 2024
    assert item.what_happened_en == "Funding ran short."
    page = staff_client.get(reverse("outcomes:challenges")).content.decode()
    assert "Funding ran short." in page


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


@pytest.mark.parametrize("count", [1, 3])
def test_challenge_list_query_count(staff_client, django_assert_num_queries, count):
    for _ in range(count):
        factories.ChallengeLessonFactory()
    # user, their participant record (session: cache), groups (role), the lessons; then the idle
    # timeout's session save (savepoint, update, release).
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("outcomes:challenges"))
    assert response.content.count(b"happened") == count


@pytest.mark.parametrize("count", [1, 3])
def test_stored_report_list_query_count(
    admin_client_, admin_user, django_assert_num_queries, count
):
    for _ in range(count):
        factories.StoredReportFactory(generated_by=admin_user, status=ReportStatus.RENDERING)
    # 29: user, their participant record (session: cache), groups (role), the reports with
    # their requesters (and each one's previous ready file, in the same query): 4; the
    # latest year with activity (convenings, outcomes): 2; the preview's figures: 20
    # (report_data's 23, see tests/outcomes/reports/test_selectors.py, less the three
    # outcome prefetches that do not run without outcomes); the idle timeout's session
    # save (savepoint, update, release): 3.
    with django_assert_num_queries(29):
        response = admin_client_.get(reverse("outcomes:reports"))
    assert response.content.count(b'hx-trigger="every 2s"') == count


@pytest.fixture
def file_evidence(outcome):
    from django.core.files.base import ContentFile

    from outcomes.models import OutcomeEvidence

    item = OutcomeEvidence(outcome=outcome, kind="file", description="Signed protocol")
    item.file.save("protocol.pdf", ContentFile(b"%PDF-1.7 protocol"), save=True)
    return item


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


def test_champion_choices_say_who_may_be_named(staff_client):
    core.ParticipantFactory(full_name="Named Person", consent_named_in_reports=True)
    core.ParticipantFactory(full_name="Quiet Person", consent_named_in_reports=False)
    url = reverse("outcomes:staff-champion-search")
    page = staff_client.get(url, {"champion_q": "person"}).content.decode()
    assert re.search(r"Named Person · [^<]* · named in reports", page)
    assert re.search(r"Quiet Person · [^<]* · described, not named", page)


def test_report_whose_file_is_gone_is_404(admin_client_, done_report):
    done_report.file.storage.delete(done_report.file.name)
    response = admin_client_.get(reverse("outcomes:report-download", args=[done_report.pk]))
    assert response.status_code == 404


def test_evidence_upload_is_judged_by_content_not_name(db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from outcomes.forms import EvidenceForm

    renamed_exe = SimpleUploadedFile(
        "minutes.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf"
    )
    form = EvidenceForm(
        data={"kind": "file", "description": "Minutes"}, files={"file": renamed_exe}
    )
    assert not form.is_valid()
    assert "file" in form.errors

    from tests.briefings.factories import FAKE_PDF_BYTES, PDF_BYTES

    fake_pdf = SimpleUploadedFile("minutes.pdf", FAKE_PDF_BYTES, "application/pdf")
    form = EvidenceForm(data={"kind": "file", "description": "Minutes"}, files={"file": fake_pdf})
    assert not form.is_valid()
    assert "This file starts like a PDF but cannot be opened as one" in form.errors["file"][0]

    real_pdf = SimpleUploadedFile("minutes.pdf", PDF_BYTES, "application/pdf")
    form = EvidenceForm(data={"kind": "file", "description": "Minutes"}, files={"file": real_pdf})
    assert form.is_valid(), form.errors


def test_saving_a_stale_form_whose_evidence_was_deleted_meanwhile_says_so(
    staff_client, outcome, staff_user
):
    # Two tabs: one deletes the evidence, the other still shows it and saves the outcome.
    from operations.trash import delete_object

    evidence = outcome.evidence.create(
        kind="link", url="https://example.org/a", description="Launch notice"
    )
    delete_object(obj=evidence, by=staff_user)
    response = staff_client.post(
        reverse("outcomes:staff-edit", args=[outcome.pk]),
        _outcome_post(
            country=str(outcome.country_id),
            title_en="Renamed",
            **{
                "evidence-INITIAL_FORMS": "1",
                "evidence-0-id": str(evidence.pk),
                "evidence-0-url": "https://example.org/a",
            },
        ),
    )
    assert response.status_code == 200
    assert "This evidence was deleted in the meantime" in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.title_en != "Renamed"
