"""Each column's reasons for refusing a cell, shown on the row in the preview; the template."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.importing import COLUMNS, template_csv
from participants.models import Participant
from participants.views.staff import IMPORT_SESSION_KEY
from tests.factories import ParticipantFactory
from tests.participants.import_files import (
    GOOD_ROWS,
    commit,
    csv_file,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_countries")]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (",nobody@example.org,TH,academia,,,,", "The name is missing."),
        (
            "Bad Mail,not-an-address,TH,academia,,,,",
            "“not-an-address” is not a valid e-mail address.",
        ),
        ("Odd Sector,odd@example.org,TH,farming,,,,", "Unknown sector “farming”"),
        ("Odd Vis,vis@example.org,TH,academia,,,secret,", "Unknown visibility “secret”"),
        ("Odd Lang,lang@example.org,TH,academia,,,,klingon", "Unknown language “klingon”"),
        ("No Alias,alias@example.org,TH,lived_experience,,,pseudonymous,", "needs a pseudonym"),
    ],
)
def test_each_kind_of_bad_row_is_explained(staff_client, row, reason):
    response = upload(staff_client, csv_file(GOOD_ROWS[0], row))
    page = response.content.decode()
    assert "Row 3:" in page
    assert reason in page


def test_duplicate_within_the_file_names_the_first_row(staff_client):
    response = upload(
        staff_client,
        csv_file(GOOD_ROWS[0], GOOD_ROWS[1], "Again,NATTAYA@example.org,TH,academia,,,,"),
    )
    page = response.content.decode()
    assert "The same e-mail address is already in row 2 of this file." in page
    assert "Row 4:" in page
    assert IMPORT_SESSION_KEY not in staff_client.session


def test_duplicate_of_someone_in_the_directory(staff_client):
    ParticipantFactory(email="budi@example.org")
    page = upload(staff_client, csv_file(*GOOD_ROWS)).content.decode()
    assert "Row 3:" in page
    assert "A participant with this e-mail address is already in the directory." in page


def test_template_lists_every_column_and_downloads(staff_client):
    assert template_csv().splitlines()[0] == ",".join(COLUMNS)
    response = staff_client.get(reverse("participants:staff-import-template"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    # The template's own example row imports cleanly.
    upload(staff_client, SimpleUploadedFile("t.csv", response.content))
    assert commit(staff_client).status_code == 302
    assert Participant.objects.filter(email="example.person@example.org").exists()


@pytest.mark.parametrize(
    "display_name",
    [
        "Tamatea Hemi",
        "Mr Concealed",
        "\u0e40\u0e2e\u0e21\u0e35 \u0e17\u0e32\u0e21\u0e32\u0e40\u0e17\u0e35\u0e22",
    ],
)
def test_an_imported_pseudonym_may_not_name_a_hidden_person_in_another_form(
    staff_client, display_name
):
    """Issue 13: the check the profile makes, in an import too (another order, a title,
    the name in Thai script)."""
    ParticipantFactory(
        full_name="Hemi Tamatea Concealed",
        display_name="Koru Shade",
        other_names="\u0e40\u0e2e\u0e21\u0e35 \u0e17\u0e32\u0e21\u0e32\u0e40\u0e17\u0e35\u0e22",
        visibility="hidden",
    )
    row = f"New Person,new@example.org,TH,academia,{display_name},,pseudonymous,"
    page = upload(staff_client, csv_file(row)).content.decode()
    assert "another participant" in page
    assert IMPORT_SESSION_KEY not in staff_client.session
