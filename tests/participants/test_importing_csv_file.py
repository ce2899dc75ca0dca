"""Reading a CSV file: delimiters, BOM, encoding, and the row, column and line limits."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from participants.importing import ImportFileError, read_upload
from tests.participants.import_files import (
    GOOD_ROWS,
    HEADER,
    csv_file,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_countries")]


def test_semicolon_csv_with_bom_is_read():
    data = "\ufeff" + HEADER.replace(",", ";") + "\n" + GOOD_ROWS[0].replace(",", ";")
    rows = read_upload(SimpleUploadedFile("x.csv", data.encode("utf-8")))
    assert rows == [
        {
            "number": 2,
            "values": {
                "full_name": "Nattaya Example",
                "email": "nattaya@example.org",
                "country": "TH",
                "sector": "civil_society",
                "display_name": "",
                "organisation": "Sang Fah Example",
                "visibility": "",
                "preferred_language": "",
            },
        }
    ]


def test_non_utf8_csv_is_refused():
    with pytest.raises(ImportFileError):
        read_upload(SimpleUploadedFile("x.csv", HEADER.encode() + b"\n\xff\xfe,bad"))


def test_an_unreadable_csv_is_refused_not_a_crash(staff_client):
    # One quoted field longer than the csv module's field limit, in short lines.
    huge = ("x" * 100 + "\n") * 2000
    data = (HEADER + "\n" + f'"{huge}",a@example.org,TH,academia').encode()
    response = upload(staff_client, SimpleUploadedFile("people.csv", data))
    assert response.status_code == 200
    assert "The file is not a readable CSV file." in response.content.decode()


def test_csv_past_the_row_limit_is_refused(settings, staff_client):
    settings.IMPORT_MAX_ROWS = 3
    response = upload(staff_client, csv_file(*GOOD_ROWS))
    assert "The file has more than 3 rows; split it into smaller files." in (
        response.content.decode()
    )


def test_csv_past_the_column_limit_is_refused(settings):
    settings.IMPORT_MAX_COLUMNS = 5
    with pytest.raises(ImportFileError) as caught:
        read_upload(csv_file(*GOOD_ROWS))
    assert str(caught.value) == (
        "The file has more than 5 columns; keep only the participant columns."
    )


def test_csv_with_a_line_past_the_length_limit_is_refused(settings, staff_client):
    settings.IMPORT_MAX_LINE_CHARS = 100
    data = (HEADER + "\n" + GOOD_ROWS[0] + "\n" + "x" * 101 + ",a@example.org,TH,academia").encode()
    response = upload(staff_client, SimpleUploadedFile("people.csv", data))
    assert "Line 3 is longer than 100 characters." in response.content.decode()


def test_limit_messages_are_translated(settings):
    from django.utils import translation

    settings.IMPORT_MAX_ROWS = 3
    with translation.override("th"), pytest.raises(ImportFileError) as caught:
        read_upload(csv_file(*GOOD_ROWS))
    assert "3" in str(caught.value)
    assert "rows" not in str(caught.value)
