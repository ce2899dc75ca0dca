"""Importing participants from CSV or XLSX: preview with reasons per row, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from accounts.models import AuditEntry
from participants.importing import COLUMNS, ImportFileError, read_upload, template_csv
from participants.models import Organisation, Participant
from participants.views.staff import IMPORT_SESSION_KEY
from tests.factories import CountryFactory, OrganisationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

HEADER = "full_name,email,country,sector,display_name,organisation,visibility,preferred_language"
GOOD_ROWS = [
    "Nattaya Example,nattaya@example.org,TH,civil_society,,Sang Fah Example,,",
    "Budi Example,budi@example.org,Indonesia,Government,,Directorate Example,named,id",
    "Melati Example,melati@example.org,ID,lived_experience,Melati,,pseudonymous,",
]


@pytest.fixture(autouse=True)
def countries(db):
    return {code: CountryFactory(code=code) for code in ("TH", "ID", "MY", "AU", "NZ")}


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


def commit(client):
    token = client.session[IMPORT_SESSION_KEY]["token"]
    return client.post(reverse("participants:staff-import-commit"), {"token": token})


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_a_good_file_imports_everyone(staff_client, staff_user, make_file):
    OrganisationFactory(name="Sang Fah Example", country=CountryFactory(code="TH"))
    response = upload(staff_client, make_file(*GOOD_ROWS))
    assert response.status_code == 200
    assert "3 participants are ready to import" in response.content.decode()
    # Only the organisation not yet in the directory is marked as one to add.
    assert response.content.decode().count("new organisation") == 1
    assert Participant.objects.count() == 0  # the preview saves nothing

    response = commit(staff_client)

    assert response.status_code == 302
    assert Participant.objects.count() == 3
    nattaya = Participant.objects.get(email="nattaya@example.org")
    assert nattaya.organisation.name == "Sang Fah Example"  # existing one reused
    assert nattaya.preferred_language == "th"  # blank: the country's language
    budi = Participant.objects.get(email="budi@example.org")
    assert budi.country.code == "ID"
    assert budi.sector == "government"
    assert budi.organisation.sector == "government"  # created on import
    assert budi.organisation.country.code == "ID"
    melati = Participant.objects.get(email="melati@example.org")
    assert melati.visibility == "pseudonymous"
    assert melati.organisation is None
    assert Organisation.objects.count() == 2
    assert AuditEntry.objects.filter(action="participant.imported", actor=staff_user).count() == 3
    assert IMPORT_SESSION_KEY not in staff_client.session


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


def test_commit_checks_again_and_imports_nothing_when_the_directory_changed(staff_client):
    upload(staff_client, csv_file(*GOOD_ROWS))
    ParticipantFactory(email="melati@example.org")  # added by a colleague meanwhile

    response = commit(staff_client)

    assert response.status_code == 409
    assert "Row 4:" in response.content.decode()
    assert (
        Participant.objects.filter(email__in=["nattaya@example.org", "budi@example.org"]).count()
        == 0
    )


def test_commit_needs_the_token_of_this_preview(staff_client):
    upload(staff_client, csv_file(*GOOD_ROWS))
    response = staff_client.post(reverse("participants:staff-import-commit"), {"token": "guess"})
    assert response.status_code == 302
    assert Participant.objects.count() == 0


def test_unreadable_files_are_refused_with_a_reason(staff_client):
    response = upload(staff_client, SimpleUploadedFile("people.pdf", b"%PDF-1.4"))
    assert "Upload a .csv or .xlsx file." in response.content.decode()
    response = upload(staff_client, SimpleUploadedFile("people.csv", b"name,phone\nSomeone,123\n"))
    assert "missing: email, country, sector" in response.content.decode()
    response = upload(staff_client, SimpleUploadedFile("people.xlsx", b"PK\x03\x04broken"))
    assert "not a readable XLSX workbook" in response.content.decode()


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


def test_template_lists_every_column_and_downloads(staff_client):
    assert template_csv().splitlines()[0] == ",".join(COLUMNS)
    response = staff_client.get(reverse("participants:staff-import-template"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    # The template's own example row imports cleanly.
    upload(staff_client, SimpleUploadedFile("t.csv", response.content))
    assert commit(staff_client).status_code == 302
    assert Participant.objects.filter(email="example.person@example.org").exists()


def test_a_race_on_the_unique_address_imports_nothing(staff_client, monkeypatch):
    from django.db import IntegrityError

    from participants import services

    upload(staff_client, csv_file(*GOOD_ROWS))

    def racing(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: participants_participant.email")

    monkeypatch.setattr(services, "import_participants", racing)
    response = commit(staff_client)
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:staff-import")
    assert Participant.objects.count() == 0


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


def test_control_characters_are_dropped_from_cells():
    data = (HEADER + "\n" + GOOD_ROWS[0]).encode().replace(b"Nattaya", b"Nat\x00ta\x07ya")
    rows = read_upload(SimpleUploadedFile("people.csv", data))
    assert rows[0]["values"]["full_name"] == "Nattaya Example"


def test_an_unreadable_csv_is_refused_not_a_crash(staff_client):
    # One quoted field longer than the csv module's field limit, in short lines.
    huge = ("x" * 100 + "\n") * 2000
    data = (HEADER + "\n" + f'"{huge}",a@example.org,TH,academia').encode()
    response = upload(staff_client, SimpleUploadedFile("people.csv", data))
    assert response.status_code == 200
    assert "The file is not a readable CSV file." in response.content.decode()


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


# --- Limits: a hostile or oversized file is refused before it costs time or memory --------

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


@pytest.fixture
def sheet_parsers(monkeypatch):
    """Every sheet parser the import creates, to read how far each one got."""
    from participants.importing import xlsx_sheet

    made = []
    real = xlsx_sheet._bounded_parser_class

    def spying():
        cls = real()

        class Spy(cls):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                made.append(self)

        return Spy

    monkeypatch.setattr(xlsx_sheet, "_bounded_parser_class", spying)
    return made


def refusal(data: bytes) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_upload(SimpleUploadedFile("crafted.xlsx", data))
    return str(caught.value)


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


def test_a_stylesheet_of_countless_formats_is_refused_before_openpyxl_reads_it(monkeypatch):
    import openpyxl

    from participants import importing

    def must_not_load(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_load)
    styles = (
        f'<styleSheet xmlns="{MAIN_NS}"><cellXfs count="300000">'
        + '<xf numFmtId="14"/>' * 300_000
        + "</cellXfs></styleSheet>"
    )
    data = crafted_xlsx({"xl/styles.xml": styles})
    assert len(data) < 20_000
    assert refusal(data) == (
        f"The workbook has more than {importing.MAX_XLSX_STYLE_ELEMENTS} formatting entries;"
        " copy the participant rows into a new workbook and upload that."
    )


def test_countless_shared_strings_are_refused_before_openpyxl_reads_them(settings, monkeypatch):
    import openpyxl

    settings.IMPORT_MAX_CELLS = 1000
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    strings = f'<sst xmlns="{MAIN_NS}">' + "<si><t>x</t></si>" * 50_000 + "</sst>"
    data = crafted_xlsx({"xl/sharedStrings.xml": strings})
    assert "more than 1000 cells" in refusal(data)


def test_a_workbook_that_unpacks_past_the_limit_is_refused_unread(monkeypatch):
    import openpyxl

    from participants import importing

    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    padding = " " * (importing.MAX_XLSX_UNPACKED_BYTES + 1)
    data = crafted_xlsx({"docProps/padding.xml": padding})
    assert len(data) < importing.MAX_IMPORT_BYTES
    assert refusal(data) == (
        "The workbook unpacks to more than 20 MB; save only the participant sheet."
    )


def test_a_file_within_every_limit_still_imports(settings):
    settings.IMPORT_MAX_ROWS = 4
    settings.IMPORT_MAX_COLUMNS = len(HEADER.split(","))
    assert len(read_upload(xlsx_file(*GOOD_ROWS))) == 3
    assert len(read_upload(csv_file(*GOOD_ROWS))) == 3


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


def test_countless_unknown_elements_are_refused_before_openpyxl_reads_them(settings, monkeypatch):
    # A header row, then a flood of elements that are neither rows nor cells: 20 kB zipped,
    # 19 MB unpacked in the tester's file. Every element counts, whatever its name.
    import openpyxl

    settings.IMPORT_MAX_CELLS = 1000
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    data = crafted_xlsx({"xl/worksheets/sheet1.xml": sheet_xml("<x/>" * 200_000)})
    assert len(data) < 10_000
    assert refusal(data) == (
        "The workbook has more than 4000 XML elements; copy the participant rows into a new"
        " workbook and upload that."
    )


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/sharedStrings.xml", "docProps/app.xml"])
def test_unknown_elements_in_any_part_count_against_the_file(settings, monkeypatch, part):
    import openpyxl

    settings.IMPORT_MAX_CELLS = 1000
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    data = crafted_xlsx({part: f'<root xmlns="{MAIN_NS}">' + "<x/>" * 5000 + "</root>"})
    assert "more than 4000 XML elements" in refusal(data)


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
