"""Reading a rendered report back: its text and fonts, and rendering one for a test."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from pypdf import PdfReader

from outcomes.reports.render import render_report


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def report_text(content: bytes, fmt: str) -> str:
    """The readable text of a report in any of its formats (PDF, Excel, CSV)."""
    if fmt == "pdf":
        return pdf_text(content)
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return content.decode("utf-8-sig")


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
