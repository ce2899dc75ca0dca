"""CSV and XLSX (outcomes/reports/exports.py): the same tables, no formulas run."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.outcomes import factories
from tests.outcomes.reports.pdf import render

pytestmark = pytest.mark.django_db


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
