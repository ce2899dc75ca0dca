"""From cells to raw rows: cell text and the header."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from participants.importing import read_upload
from tests.participants.import_files import (
    GOOD_ROWS,
    HEADER,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_countries")]


def test_control_characters_are_dropped_from_cells():
    data = (HEADER + "\n" + GOOD_ROWS[0]).encode().replace(b"Nattaya", b"Nat\x00ta\x07ya")
    rows = read_upload(SimpleUploadedFile("people.csv", data))
    assert rows[0]["values"]["full_name"] == "Nattaya Example"
