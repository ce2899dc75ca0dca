"""Report content: figures equal the database, Thai fonts, consent, exports, fetcher, queries."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from convenings.models import Convening, Invitation, SiteVisit
from outcomes.models import Outcome, OutcomeKind
from outcomes.reports import selectors as report_selectors
from outcomes.reports.fetcher import AssetRefusedError, StaticOnlyFetcher, base_url
from outcomes.reports.render import render_report
from participants.models import Participant, Sector, Visibility

from . import factories

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def pdf_fonts(content: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object().get("/BaseFont")))
    return names


def shows(text: str, value, label: str) -> bool:
    """The PDF prints `value` right before `label` (text extraction may drop the space)."""
    return (
        re.search(rf"(?<![\d,]){re.escape(str(value))}\s*{re.escape(str(label))}", text) is not None
    )


def render(fmt="pdf", language="en", kind="annual", start=2023, end=2023) -> bytes:
    return render_report(kind=kind, start_year=start, end_year=end, language=language, fmt=fmt)


def test_pdf_figures_equal_database_counts():
    factories.build_network(scale=2)
    # Data that must not be counted: a convening in another year, a cancelled one (whose
    # invitee also attended a counted convening, and so is counted once).
    other = factories.core.ConveningFactory(start_date="2021-05-01", end_date="2021-05-02")
    factories.core.InvitationFactory(convening=other, status="attended")
    cancelled = factories.core.ConveningFactory(
        start_date="2023-09-01", end_date="2023-09-02", status="cancelled"
    )
    factories.core.InvitationFactory(convening=cancelled, status="accepted")
    factories.core.InvitationFactory(
        convening=cancelled,
        participant=Participant.objects.filter(invitations__isnull=False).first(),
        status="accepted",
    )
    text = pdf_text(render())

    engaged = (
        Participant.objects.filter(
            invitations__convening__start_date__year=2023,
            invitations__status="attended",
            invitations__convening__status="held",
        )
        .distinct()
        .count()
    )
    assert engaged == 30
    assert shows(text, engaged, "Participants engaged in convenings")
    assert shows(text, 5, "Member countries")
    assert shows(text, 5, "Countries engaged")
    held = Convening.objects.filter(start_date__year=2023).exclude(status="cancelled").count()
    assert shows(text, held, "Convenings held")
    visits = SiteVisit.objects.filter(convening__start_date__year=2023).count()
    assert shows(text, visits, "Site visits")
    outcomes = Outcome.objects.filter(date__year=2023)
    assert shows(text, outcomes.count(), "Outcomes recorded")
    for kind, label in OutcomeKind.choices:
        count = outcomes.filter(kind=kind).count()
        assert count == 2
        assert shows(text, count, label)
    for sector in (Sector.GOVERNMENT, Sector.CIVIL_SOCIETY, Sector.ACADEMIA):
        # "Government: 10" in the key elements section
        assert re.search(rf"{Sector(sector).label}:\s*10(?!\d)", text)
    places = Invitation.objects.filter(
        convening__start_date__year=2023, convening__status="held"
    ).count()
    assert shows(text, places, "Participant places at convenings")
    # Cost per convening: 13,000 for the single 2023 convening.
    assert shows(text, "13,000", "USD per convening")


def test_thai_report_embeds_a_thai_font_and_extracts_thai():
    factories.build_network()
    content = render(language="th")
    fonts = pdf_fonts(content)
    assert any(re.search("Loma|Garuda|Waree", name) for name in fonts), fonts
    text = pdf_text(content)
    assert re.search("[\u0e00-\u0e7f]{4,}", text)
    assert "สรุปรายงาน" in text or "รายงาน" in text


@pytest.fixture
def champions():
    country = factories.core.CountryFactory(code="MY")
    gov = factories.core.OrganisationFactory(country=country, sector=Sector.GOVERNMENT)
    people = {
        "consenting": factories.core.ParticipantFactory(
            full_name="Farida Consenting",
            country=country,
            organisation=gov,
            consent_named_in_reports=True,
        ),
        "declining": factories.core.ParticipantFactory(
            full_name="Harun Declining",
            country=country,
            organisation=gov,
            consent_named_in_reports=False,
        ),
        "pseudonymous": factories.core.ParticipantFactory(
            full_name="Zainab Pseudonym",
            display_name="Peer Seven",
            country=country,
            organisation=gov,
            visibility=Visibility.PSEUDONYMOUS,
            consent_named_in_reports=True,
        ),
        "hidden": factories.core.ParticipantFactory(
            full_name="Yusuf Hidden",
            display_name="Peer Nine",
            country=country,
            organisation=gov,
            visibility=Visibility.HIDDEN,
            consent_named_in_reports=True,
        ),
    }
    outcome = factories.OutcomeFactory(
        country=country,
        # A name typed into free text is scrubbed too.
        who_changed="Harun Declining and Yusuf Hidden in the home ministry.",
    )
    outcome.champions.set(people.values())
    return people


@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_only_consenting_named_champions_are_named(champions, fmt):
    content = render(fmt=fmt)
    if fmt == "pdf":
        text = pdf_text(content)
    elif fmt == "csv":
        text = content.decode("utf-8-sig")
    else:
        book = load_workbook(io.BytesIO(content))
        text = " ".join(
            str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
        )
    assert "Farida Consenting" in text
    for key in ("declining", "pseudonymous", "hidden"):
        person = champions[key]
        assert person.full_name not in text
        assert person.full_name.split()[0] not in text
    assert "Peer Seven" not in text
    assert "Peer Nine" not in text
    assert "a government official from Malaysia" in text


def test_anonymous_description_is_in_the_report_language(champions):
    text = pdf_text(render(language="th"))
    assert "Harun" not in text
    assert "Farida Consenting" in text


def test_csv_and_xlsx_carry_the_same_tables():
    factories.build_network()
    rows = list(csv.reader(io.StringIO(render(fmt="csv").decode("utf-8-sig"))))
    assert ["Participants engaged in convenings", "15"] in rows
    assert ["Member countries", "5"] in rows
    book = load_workbook(io.BytesIO(render(fmt="xlsx")))
    figures = {row[0]: row[1] for row in book["Key figures"].iter_rows(min_row=2, values_only=True)}
    assert figures["Participants engaged in convenings"] == 15
    assert figures["Outcomes recorded"] == 4
    assert "Outcomes" in book.sheetnames
    assert "Challenges and lessons" in book.sheetnames


def test_csv_neutralises_formulas():
    factories.OutcomeFactory(title='=HYPERLINK("http://evil.example")')
    text = render(fmt="csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_url_fetcher_refuses_anything_but_the_apps_static_files():
    fetcher = StaticOnlyFetcher()
    for url in (
        "https://example.org/logo.png",
        "http://127.0.0.1:8000/admin/",
        "file:///etc/passwd",
        base_url() + "../../../platform_site/settings.py",
        "data:text/plain,hello",
    ):
        with pytest.raises(AssetRefusedError):
            fetcher.fetch(url)
    response = fetcher.fetch(base_url() + "report.css")
    assert b"@page" in response.read()


def test_pdf_with_external_image_renders_without_fetching(monkeypatch):
    from outcomes.reports import render as render_module

    calls = []
    original = StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        calls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", spy)
    pdf = render_module.html_to_pdf('<img src="https://example.org/x.png"><p>Hello</p>')
    assert pdf.startswith(b"%PDF")
    assert calls == ["https://example.org/x.png"]


def _queries_for_report_data() -> int:
    with CaptureQueriesContext(connection) as ctx:
        report_selectors.report_data(kind="annual", start_year=2023, end_year=2023)
    return len(ctx.captured_queries)


def test_report_selector_query_count_does_not_grow_with_data():
    factories.build_network(scale=1)
    small = _queries_for_report_data()
    factories.build_network(scale=3)  # adds to the same countries and year
    large = _queries_for_report_data()
    # countries, people by country/sector, convenings, site visits, sessions, outcomes
    # (+ champions, frameworks, convenings), the protection service's three (the
    # organisations of one person, the people a report may not name, the erased names:
    # scrubbed from free text), lessons: 13; then the figures each app counts:
    # network and member countries (2), people engaged, convenings, site visits, places
    # (4), outcomes (1), downloads (1), actions and feedback (2): 10.
    assert small == large == 23


@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_export_report_command_writes_each_format(tmp_path, fmt):
    factories.build_network()
    out = tmp_path / f"report.{fmt}"
    call_command(
        "export_report",
        "--kind",
        "five-year",
        "--from",
        "2019",
        "--to",
        "2024",
        "--lang",
        "ms",
        "--format",
        fmt,
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    data = out.read_bytes()
    magic = {"pdf": b"%PDF", "xlsx": b"PK"}.get(fmt)
    assert data.startswith(magic) if magic else b"," in data


def test_export_report_annual_needs_a_year(tmp_path):
    with pytest.raises(CommandError):
        call_command("export_report", "--kind", "annual", "--output", str(tmp_path / "x.pdf"))


def test_command_time_limit_is_enforced(tmp_path, settings, monkeypatch):
    import time

    from outcomes.reports import render as render_module

    settings.REPORT_RENDER_TIME_LIMIT = 1
    monkeypatch.setattr(render_module, "report_data", lambda **kw: time.sleep(3))
    with pytest.raises(CommandError, match="longer than"):
        call_command(
            "export_report",
            "--kind",
            "annual",
            "--year",
            "2023",
            "--format",
            "csv",
            "--output",
            str(tmp_path / "x.csv"),
        )
