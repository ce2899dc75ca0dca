"""Import files for the tests (CSV and XLSX) and the staff pages that read them."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

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
