"""An upload to raw rows: the kind of file, and a file within every limit read whole."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from participants.importing import read_upload
from tests.participants.import_files import (
    GOOD_ROWS,
    HEADER,
    csv_file,
    upload,
    xlsx_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_countries")]


def test_unreadable_files_are_refused_with_a_reason(staff_client):
    response = upload(staff_client, SimpleUploadedFile("people.pdf", b"%PDF-1.4"))
    assert "Upload a .csv or .xlsx file." in response.content.decode()
    response = upload(staff_client, SimpleUploadedFile("people.csv", b"name,phone\nSomeone,123\n"))
    assert "missing: email, country, sector" in response.content.decode()
    response = upload(staff_client, SimpleUploadedFile("people.xlsx", b"PK\x03\x04broken"))
    assert "not a readable XLSX workbook" in response.content.decode()


def test_a_file_within_every_limit_still_imports(settings):
    settings.IMPORT_MAX_ROWS = 4
    settings.IMPORT_MAX_COLUMNS = len(HEADER.split(","))
    assert len(read_upload(xlsx_file(*GOOD_ROWS))) == 3
    assert len(read_upload(csv_file(*GOOD_ROWS))) == 3
