"""A hostile or oversized workbook is refused from its parts, before openpyxl reads them."""

from __future__ import annotations

import pytest

from tests.participants.import_files import (
    MAIN_NS,
    crafted_xlsx,
    refusal,
    sheet_xml,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_countries")]


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
