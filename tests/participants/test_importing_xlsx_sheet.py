"""Reading a workbook's first sheet: row numbers and dates as the sheet has them, and a
sheet past a limit refused at the first row, cell or column past it."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from participants.importing import read_upload
from tests.participants.import_files import (
    HEADER,
    crafted_xlsx,
    refusal,
    sheet_xml,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_countries")]


def test_xlsx_dates_and_row_numbers_follow_the_sheet(staff_client):
    import datetime as dt

    book = Workbook()
    sheet = book.active
    sheet.append([])  # a blank first row: the header is row 2, the person row 3
    sheet.append(["Full name", "E-mail", "Country", "Sector", "Joined on", "Expertise"])
    sheet.append(
        [
            "Kiri Example",
            "kiri@example.org",
            "New Zealand",
            "Academia",
            dt.datetime(2021, 5, 3),
            "expert",
        ]
    )
    sheet.append(["Bad Date", "bad@example.org", "NZ", "academia", "3 May", ""])
    out = io.BytesIO()
    book.save(out)
    page = upload(staff_client, SimpleUploadedFile("p.xlsx", out.getvalue())).content.decode()
    assert "Row 4:" in page
    assert "“3 May” is not a date; write it as YYYY-MM-DD." in page
    assert "Row 3:" not in page

    rows = read_upload(SimpleUploadedFile("p.xlsx", out.getvalue()))
    assert rows[0]["number"] == 3
    assert rows[0]["values"]["joined_on"] == "2021-05-03"


def test_a_workbook_with_an_xml_bomb_is_refused(staff_client):
    import zipfile

    good = io.BytesIO()
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.save(good)
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = bomb.encode()
            dst.writestr(item, content)
    response = upload(staff_client, SimpleUploadedFile("bomb.xlsx", out.getvalue()))
    assert response.status_code == 200
    assert "not a readable XLSX workbook" in response.content.decode()


def test_a_sheet_claiming_every_row_and_column_is_refused_at_the_far_row(sheet_parsers):
    # Dimension A1:XFD1048576 and one cell in the sheet's last row. openpyxl's
    # iter_rows would hand back 1,048,575 filled-in empty rows first.
    data = crafted_xlsx(
        {
            "xl/worksheets/sheet1.xml": sheet_xml(
                '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
                dimension="A1:XFD1048576",
            )
        }
    )
    assert len(data) < 6000  # a few kB, most of it the standard parts of any workbook
    assert refusal(data) == "The file has more than 5000 rows; split it into smaller files."
    (parser,) = sheet_parsers
    assert parser.rows_read == 2  # the header and the far row, nothing filled in between


def test_too_many_rows_are_refused_at_the_first_row_past_the_limit(settings, sheet_parsers):
    settings.IMPORT_MAX_ROWS = 10
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>P{n}</t></is></c></row>'
        for n in range(2, 2000)
    )
    data = crafted_xlsx({"xl/worksheets/sheet1.xml": sheet_xml(rows)})
    assert refusal(data) == "The file has more than 10 rows; split it into smaller files."
    (parser,) = sheet_parsers
    assert parser.rows_read == 11


def test_a_row_of_countless_empty_cells_is_refused_at_the_cell_limit(settings, sheet_parsers):
    settings.IMPORT_MAX_CELLS = 1000
    # 100,000 styled empty cells in one row, in a file of a few kilobytes.
    data = crafted_xlsx(
        {"xl/worksheets/sheet1.xml": sheet_xml('<row r="2">' + '<c s="0"/>' * 100_000 + "</row>")}
    )
    assert len(data) < 8000
    assert refusal(data) == (
        "The file has more than 1000 cells; keep only the participant rows and columns."
    )
    # Counted before openpyxl opens the workbook: no sheet parser was even made.
    assert sheet_parsers == []


def test_a_value_past_the_column_limit_is_refused(sheet_parsers):
    data = crafted_xlsx(
        {"xl/worksheets/sheet1.xml": sheet_xml('<row r="2"><c r="AZ2"><v>1</v></c></row>')}
    )
    assert refusal(data) == (
        "The file has more than 50 columns; keep only the participant columns."
    )


def test_elements_between_rows_are_let_go_as_they_are_read(settings, sheet_parsers):
    # Under the limit the sheet is read, but what is not a row is not kept: the parser
    # never holds more than the few elements that are open at once.
    settings.IMPORT_MAX_CELLS = 10_000
    row = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Ana</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>ana@example.org</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>TH</t></is></c>'
        '<c r="D2" t="inlineStr"><is><t>academia</t></is></c></row>'
    )
    data = crafted_xlsx({"xl/worksheets/sheet1.xml": sheet_xml("<x><y/></x>" * 15_000 + row)})
    rows = read_upload(SimpleUploadedFile("crafted.xlsx", data))
    assert [r["values"]["email"] for r in rows] == ["ana@example.org"]
    (parser,) = sheet_parsers
    assert parser.elements_read > 30_000
    assert parser.most_held < 30
