"""Import files for the tests (CSV and XLSX) and the staff pages that read them."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from participants.importing import ImportFileError, read_upload
from participants.views.staff import IMPORT_SESSION_KEY

HEADER = "full_name,email,country,sector,display_name,organisation,visibility,preferred_language"
GOOD_ROWS = [
    "Nattaya Example,nattaya@example.org,TH,civil_society,,Sang Fah Example,,",
    "Budi Example,budi@example.org,Indonesia,Government,,Directorate Example,named,id",
    "Melati Example,melati@example.org,ID,lived_experience,Melati,,pseudonymous,",
]


def csv_file(*rows, name="people.csv"):
    return SimpleUploadedFile(name, "\n".join([HEADER, *rows]).encode(), content_type="text/csv")


def xlsx_file(*rows, name="people.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    for row in rows:
        sheet.append(row.split(","))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client, file):
    return client.post(reverse("participants:staff-import"), {"file": file})


def commit(client, **data):
    token = client.session[IMPORT_SESSION_KEY]["token"]
    return client.post(reverse("participants:staff-import-commit"), {"token": token, **data})


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def crafted_xlsx(replace: dict[str, str]) -> bytes:
    """A valid one-sheet workbook whose named parts are swapped for `replace`'s XML."""
    import zipfile

    good = io.BytesIO()
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.save(good)
    out = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = replace.get(item.filename, src.read(item.filename))
            dst.writestr(
                item.filename, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9
            )
        for name, content in replace.items():
            if name not in src.namelist():
                dst.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def sheet_xml(rows_xml: str, dimension: str = "A1:D1") -> str:
    return (
        f'<worksheet xmlns="{MAIN_NS}"><dimension ref="{dimension}"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>full_name</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>email</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>country</t></is></c>'
        '<c r="D1" t="inlineStr"><is><t>sector</t></is></c></row>'
        f"{rows_xml}</sheetData></worksheet>"
    )


def refusal(data: bytes) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_upload(SimpleUploadedFile("crafted.xlsx", data))
    return str(caught.value)
