"""Tables as CSV and XLSX files, and the one cleaner every file's text passes through.

`clean_text` moved here from outcomes/reports/text.py (which re-exports it) so the
logistics exports of convenings share it without importing outcomes. Text typed by staff
can hold control characters (a line break pasted from Word arrives as a vertical tab) that
XML, and so XLSX, refuses outright and a PDF prints as a box; in a spreadsheet, a cell that
starts with = + - @ would run as a formula.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

# Line breaks typed in other programs become line breaks; every other C0 or C1 control
# character, a lone surrogate and the two non-characters XML refuses are dropped.
_BREAKS = re.compile(r"[\v\f\x85\u2028\u2029]|\r\n?")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str, *, spreadsheet: bool = False) -> str:
    """`text` safe for a report file; for a spreadsheet cell, never read as a formula."""
    text = _CONTROL.sub("", _BREAKS.sub("\n", text))
    if spreadsheet and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]


def cell(value) -> str:
    text = value if isinstance(value, str) else str(value)
    return clean_text(text, spreadsheet=isinstance(value, str))


def xlsx_cell(value):
    if isinstance(value, bool):
        return cell(value)
    if isinstance(value, int | float):
        return value
    if hasattr(value, "as_tuple"):  # Decimal
        return float(value)
    return cell(value)


def tables_to_csv(title_rows: list[list], tables: list[Table]) -> bytes:
    """All tables in one CSV, each headed by its title and separated by a blank line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([cell(v) for v in row] for row in title_rows)
    for table in tables:
        writer.writerow([])
        writer.writerow([cell(table.title)])
        writer.writerow([cell(h) for h in table.headers])
        writer.writerows([cell(v) for v in row] for row in table.rows)
    # The BOM lets spreadsheet programs open Thai and Malay text as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def tables_to_xlsx(title: str, tables: list[Table], *, sheet_name) -> bytes:
    """One sheet per table with a bold header row; `sheet_name(title, taken)` names it."""
    from openpyxl import Workbook  # noqa: PLC0415  openpyxl is slow to import: only XLSX exports pay
    from openpyxl.styles import Font  # noqa: PLC0415  openpyxl is slow to import: only XLSX exports pay

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(sheet_name(table.title, taken))
        sheet.append([cell(h) for h in table.headers])
        for header in sheet[1]:
            header.font = Font(bold=True)
        for row in table.rows:
            sheet.append([xlsx_cell(v) for v in row])
        for column, header in enumerate(table.headers, start=1):
            longest = max([len(str(header)), *(len(str(r[column - 1])) for r in table.rows)])
            letter = sheet.cell(row=1, column=column).column_letter
            sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)
        sheet.freeze_panes = "A2"
    workbook.properties.title = clean_text(title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
