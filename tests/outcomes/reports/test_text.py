"""Text in report files: control characters, formulas and XLSX sheet names."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from outcomes.reports.render import render_report
from outcomes.reports.text import SHEET_NAME_LIMIT, clean_text, cut_at_word, sheet_title
from tests.outcomes import factories
from tests.outcomes.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db

PASTED = "First line\vsecond line\x00\x1b[31m\x7f\x85end"


def render(fmt: str, language: str = "en") -> bytes:
    return render_report(kind="annual", start_year=2023, end_year=2023, language=language, fmt=fmt)


def test_clean_text_turns_breaks_into_newlines_and_drops_other_controls():
    assert clean_text(PASTED) == "First line\nsecond line[31m\nend"
    assert clean_text("=1+2", spreadsheet=True) == "'=1+2"
    assert clean_text("=1+2") == "=1+2"  # a PDF prints it as typed
    assert clean_text("-5 children", spreadsheet=True) == "'-5 children"


@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_every_format_renders_text_with_control_characters(fmt):
    factories.OutcomeFactory(title=PASTED, what_changed="Said\vdone")
    factories.ChallengeLessonFactory(what_happened="=SUM(A1)\vthen\x0bmore")
    content = render(fmt)
    if fmt == "pdf":
        text = pdf_text(content)
        assert "First line second line" in text
        return
    if fmt == "csv":
        cells = [c for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for c in row]
    else:
        book = load_workbook(io.BytesIO(content))
        cells = [
            str(c)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for c in row
            if c is not None
        ]
    assert "First line\nsecond line[31m\nend" in cells
    assert "'=SUM(A1)\nthen\nmore" in cells
    assert not any(ch in cell for cell in cells for ch in "\v\x00\x1b\x7f")


def test_sheet_names_cut_between_words_and_stay_unique():
    taken: set[str] = set()
    long = "Engagement between meetings and the follow-up of actions"
    first = sheet_title(long, taken=taken, fallback="x")
    second = sheet_title(long, taken=taken, fallback="x")
    assert first == "Engagement between meetings and"
    assert second == "Engagement between meetings (2)"
    assert sheet_title("What: [a]/b?", taken=taken, fallback="x") == "What a b"
    assert all(len(n) <= SHEET_NAME_LIMIT for n in (first, second))


def test_thai_sheet_names_end_on_a_whole_word():
    title = "การมีส่วนร่วมระหว่างการประชุมและการติดตามผล"  # no spaces, 43 characters
    name = cut_at_word(title, SHEET_NAME_LIMIT)
    assert len(name) <= SHEET_NAME_LIMIT
    assert title.startswith(name)
    # The cut falls where a Thai word ends: "…ระหว่าง" | "การประชุม…", not inside one.
    assert name in {"การมีส่วนร่วมระหว่างการประชุม", "การมีส่วนร่วมระหว่าง"}


def test_thai_xlsx_sheet_names_are_whole_words_and_unique():
    factories.build_network()
    book = load_workbook(io.BytesIO(render("xlsx", language="th")))
    names = book.sheetnames
    assert len(set(names)) == len(names)
    for name in names:
        assert len(name) <= SHEET_NAME_LIMIT
        # No name ends in a stranded leading vowel or starts the next with a mark.
        assert name[-1] not in "เแโใไ"
    assert "แผนภูมิ" in names  # "Charts", in Thai
