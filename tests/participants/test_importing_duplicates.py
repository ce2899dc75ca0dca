"""Likely duplicates in an import, by name and organisation: a warning staff may accept.

The e-mail address differs (a repeated address is refused by its own column), so these are
the people an import would otherwise add twice: the same name and organisation written
with other case, spacing, accents or Thai mark order, or in another script.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from accounts.models import AuditEntry
from participants.importing.duplicates import person_key
from participants.importing.validation import validate_rows
from participants.models import Participant
from participants.views.staff import IMPORT_SESSION_KEY
from tests.factories import OrganisationFactory, ParticipantFactory
from tests.participants.import_files import commit, csv_file, upload, xlsx_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_countries")]


def raw(number, full_name, email, organisation="", country="TH"):
    values = {"full_name": full_name, "email": email, "country": country}
    return {
        "number": number,
        "values": {"sector": "civil_society", "organisation": organisation, **values},
    }


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nguyễn Thị Lan", "nguyen  THI lan"),  # accents, case, spaces
        ("Siti Nur-Aishah", "siti nuraishah"),  # punctuation
        ("Hội Liên hiệp Phụ nữ", "HOI LIEN HIEP PHU NU"),  # an organisation
        ("สมชาย ใจดี", "สมชาย  ใจดี"),  # Thai, spacing
        ("สมชายใจดี", "สมชาย ใจดี"),  # Thai written without the space
        ("ปิ่นทอง", "ป\u0e48\u0e34นทอง"),  # Thai tone mark typed before the vowel mark
        ("น้ำฝน", "น\u0e49\u0e4d\u0e32ฝน"),  # sara am typed as nikhahit + sara aa
    ],
)
def test_names_written_differently_have_one_key(a, b):
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Lan Nguyen", "Nguyen Lin"), ("ปิ่นทอง", "ปิ่นทิพย์"), ("Ana Lim", "Anna Lim")],
)
def test_different_names_have_different_keys(a, b):
    assert person_key(a) != person_key(b)


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_someone_in_the_directory_under_another_address_is_flagged_and_imported_on_accept(
    staff_client, staff_user, import_countries, make_file
):
    organisation = OrganisationFactory(name="Hội Liên hiệp Phụ nữ", country=import_countries["TH"])
    ParticipantFactory(
        full_name="Nguyễn Thị Lan", email="lan@example.org", organisation=organisation
    )
    # Name in other case, spacing and accents; the organisation with other spacing.
    row = "nguyen  THI lan,lan.nguyen@example.net,TH,civil_society,, Hội Liên hiệp  Phụ nữ,,"

    page = upload(staff_client, make_file(row)).content.decode()

    assert (
        "Row 2: Possible duplicate: Nguyễn Thị Lan (Hội Liên hiệp Phụ nữ, lan@example.org) is "
        "already in the directory with the same name and organisation."
    ) in page
    assert "1 row may be someone already listed." in page
    assert 'name="accept_duplicates"' in page
    # Not accepted: nothing is imported, and the preview asks again.
    response = commit(staff_client)
    assert response.status_code == 409
    assert "Confirm that the rows marked as possible duplicates are different people" in (
        response.content.decode()
    )
    assert not Participant.objects.filter(email="lan.nguyen@example.net").exists()

    response = commit(staff_client, accept_duplicates="1")

    assert response.status_code == 302
    imported = Participant.objects.get(email="lan.nguyen@example.net")
    assert imported.organisation == organisation
    entry = AuditEntry.objects.get(action="participant.imported", actor=staff_user)
    assert entry.changes["possible_duplicate_accepted"] == [None, True]


def test_rows_of_one_file_are_compared_with_each_other_in_the_importers_language(
    staff_client, staff_user
):
    staff_user.language = "th"
    staff_user.save(update_fields=["language"])
    rows = [
        "ปิ่นทอง ใจดี,pin@example.org,TH,civil_society,,มูลนิธิรักษ์ไทย,,",
        # The same person again: other spacing, the tone mark typed first.
        "ป\u0e48\u0e34นทอง  ใจดี,pin.tong@example.net,TH,civil_society,,มูลนิธิรักษ์ไทย ,,",
        "Somchai Example,somchai@example.org,TH,civil_society,,,,",
        "somchai  example,somchai.e@example.net,TH,civil_society,,,,",
    ]
    page = upload(staff_client, csv_file(*rows)).content.decode()

    assert "อาจซ้ำกัน: แถว 2 ของไฟล์นี้มีชื่อและองค์กรเดียวกัน" in page
    assert "อาจซ้ำกัน: แถว 4 ของไฟล์นี้มีชื่อเดียวกันและไม่มีองค์กร" in page
    assert "Possible duplicate" not in page
    assert staff_client.session[IMPORT_SESSION_KEY]["warned"] == [3, 5]


def test_a_thai_name_matches_the_directorys_latin_name_with_that_thai_name_recorded(
    import_countries,
):
    organisation = OrganisationFactory(name="Rak Thai Foundation", country=import_countries["TH"])
    ParticipantFactory(
        full_name="Somchai Jaidee",
        other_names="สมชาย ใจดี",
        email="somchai@example.org",
        organisation=organisation,
    )
    with translation.override("en"):
        parsed = validate_rows(
            [raw(2, "สมชาย  ใจดี", "somchai.j@example.net", organisation="RAK THAI foundation")]
        )
    assert parsed.rows[0].errors == []
    assert parsed.rows[0].warnings == [
        "Possible duplicate: Somchai Jaidee (Rak Thai Foundation, somchai@example.org) is "
        "already in the directory with the same name and organisation."
    ]


def test_a_namesake_elsewhere_or_the_same_address_gives_no_duplicate_warning(import_countries):
    organisation = OrganisationFactory(name="Sang Fah Example", country=import_countries["TH"])
    ParticipantFactory(full_name="Ana Lim", email="ana@example.org", organisation=organisation)
    with translation.override("en"):
        parsed = validate_rows(
            [
                # A namesake at another organisation.
                raw(2, "Ana Lim", "ana.lim@example.net", organisation="Another Example"),
                # The same address: refused by the e-mail column, no second message.
                raw(3, "Ana Lim", "ana@example.org", organisation="Sang Fah Example"),
            ]
        )
    assert parsed.rows[0].warnings == []
    assert parsed.rows[1].warnings == []
    assert parsed.rows[1].errors == [
        "A participant with this e-mail address is already in the directory."
    ]


def test_a_duplicate_added_after_the_preview_is_shown_before_anything_is_imported(staff_client):
    row = "Kiri Example,kiri@example.org,NZ,academia,,Example University,,"
    page = upload(staff_client, csv_file(row)).content.decode()
    assert "Possible duplicate" not in page
    # A colleague adds Kiri meanwhile, under another address.
    ParticipantFactory(
        full_name="Kiri Example",
        email="kiri.e@example.net",
        organisation=OrganisationFactory(name="Example University"),
    )

    response = commit(staff_client)

    assert response.status_code == 409
    assert "Possible duplicate: Kiri Example (Example University, kiri.e@example.net)" in (
        response.content.decode()
    )
    assert not Participant.objects.filter(email="kiri@example.org").exists()
    assert commit(staff_client, accept_duplicates="1").status_code == 302
    assert Participant.objects.filter(email="kiri@example.org").exists()
