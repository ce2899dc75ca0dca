"""A file checked row by row: one bad row and nothing is imported, with every reason shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from participants.models import Organisation, Participant
from participants.views.staff import IMPORT_SESSION_KEY
from tests.participants.import_files import (
    GOOD_ROWS,
    csv_file,
    upload,
    xlsx_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_countries")]


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_one_bad_row_imports_nothing_and_says_which_and_why(staff_client, make_file):
    rows = [*GOOD_ROWS, "Lost Person,lost@example.org,Narnia,academia,,,,"]
    response = upload(staff_client, make_file(*rows))
    page = response.content.decode()
    # Header is row 1, so the fourth participant is the file's row 5.
    assert "Row 5:" in page
    assert "Unknown country “Narnia”." in page
    assert "Nothing was imported: 1 row has a problem." in page
    assert IMPORT_SESSION_KEY not in staff_client.session
    # The commit has nothing to commit.
    response = staff_client.post(reverse("participants:staff-import-commit"), {"token": "x"})
    assert response.status_code == 302
    assert Participant.objects.count() == 0
    assert Organisation.objects.count() == 0
