"""Reports count substantiation from answers, the same way in PDF, CSV and XLSX, per outcome
and in totals by kind and by country, and print the rule on the methodology page."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from openpyxl import load_workbook

from outcomes.substantiation_selectors import RULE_TEXT, STATE_KEYS, STATE_NAMES
from tests.outcomes import factories
from tests.outcomes.reports.pdf import pdf_text, render

pytestmark = pytest.mark.django_db

LABELS = {
    "Substantiated by 2 of 2; 1 partly",
    "Contested: 1 agree, 1 disagree, of 2 asked",
    "Not substantiated: 1 of 1 disagree",
    "Awaiting answers (1 person asked)",
}


@pytest.fixture
def network():
    net = factories.build_network()
    reform, champion, collaboration, regional = net["outcomes"]
    factories.substantiated(reform, "fully", "partly")
    factories.substantiated(champion, "fully", "not_at_all")
    factories.substantiated(collaboration, "not_at_all")
    factories.substantiated(regional, None)
    # The old staff menu says "substantiated" for all: it must not count.
    for outcome in net["outcomes"]:
        type(outcome).objects.filter(pk=outcome.pk).update(verification="substantiated")
    return net


def _csv_tables(content: bytes) -> dict[str, list[list[str]]]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    tables, current = {}, None
    for index, row in enumerate(rows):
        if not row:
            current = None
            continue
        if current is None and index + 1 < len(rows) and len(row) == 1 and rows[index - 1] == []:
            current = tables.setdefault(row[0], [])
            continue
        if current is not None:
            current.append(row)
    return tables


def _xlsx_tables(content: bytes) -> dict[str, list[list]]:
    book = load_workbook(io.BytesIO(content))
    return {
        sheet.title: [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in book.worksheets
    }


# Expected (substantiated, contested, not substantiated, awaiting, not asked, total).
BY_KIND = {
    "National reform": ["1", "0", "0", "0", "0", "1"],
    "Policy champion": ["0", "1", "0", "0", "0", "1"],
    "Government–civil society collaboration": ["0", "0", "1", "0", "0", "1"],  # noqa: RUF001
    "Regional cooperation": ["0", "0", "0", "1", "0", "1"],
    "Total": ["1", "1", "1", "1", "0", "4"],
}


def test_reports_count_substantiation_identically_in_pdf_csv_and_xlsx(network):
    headers = ["Kind", *[str(STATE_NAMES[k]) for k in STATE_KEYS], "Total"]
    csv_tables = _csv_tables(render(fmt="csv"))
    xlsx_tables = _xlsx_tables(render(fmt="xlsx"))
    by_kind_csv = csv_tables["Substantiation by kind"]
    by_kind_xlsx = xlsx_tables["Substantiation by kind"]
    assert by_kind_csv[0] == headers
    assert by_kind_xlsx[0] == headers
    assert {row[0]: row[1:] for row in by_kind_csv[1:]} == BY_KIND
    assert {row[0]: row[1:] for row in by_kind_xlsx[1:]} == BY_KIND
    # By country: the same in both, and every outcome counted once.
    by_country_csv = csv_tables["Substantiation by country"]
    assert by_country_csv == xlsx_tables["Substantiation by country"]
    assert by_country_csv[-1] == ["Total", "1", "1", "1", "1", "0", "4"]
    regional = next(r for r in by_country_csv if r[0] == "Regional")
    assert regional[1:] == ["0", "0", "0", "1", "0", "1"]
    # Per outcome, the same labels in both.
    for tables in (csv_tables, xlsx_tables):
        outcomes = tables["Outcomes"]
        column = outcomes[0].index("Substantiation")
        assert {row[column] for row in outcomes[1:]} == LABELS
        figures = {row[0]: row[1] for row in tables["Key figures"][1:]}
        assert figures["Outcomes substantiated"] == "1"

    text = pdf_text(render(fmt="pdf"))
    for label in LABELS:
        assert label in text, label
    assert "4 outcomes were recorded in this period, 1 of them substantiated" in text
    # The by-kind table's rows, in the PDF's reading order.
    assert "National reform 1 0 0 0 0 1" in text
    assert "Regional cooperation 0 0 0 1 0 1" in text
    assert "Total 1 1 1 1 0 4" in text


@pytest.mark.parametrize("language", ["en", "id", "ms", "th"])
def test_the_methodology_page_prints_the_rule_in_each_language(network, language):
    from django.utils import translation

    with translation.override(language):
        rule = str(RULE_TEXT)
    if language != "en":
        assert rule != str(RULE_TEXT)  # translated for real
    text = pdf_text(render(fmt="pdf", language=language))

    # Text extraction may break lines, and gives Thai SARA AM as its two parts: compare
    # without white space, in compatibility form.
    def flat(value: str) -> str:
        return unicodedata.normalize("NFKC", "".join(value.split()))

    assert flat(rule)[:60] in flat(text)
