"""Fixtures shared by the participants tests."""

from __future__ import annotations

import pytest

from participants.importing import xlsx_sheet
from tests.factories import CountryFactory


@pytest.fixture
def import_countries(db):
    """The countries the import files name (TH, ID, MY, AU, NZ), by code."""
    return {code: CountryFactory(code=code) for code in ("TH", "ID", "MY", "AU", "NZ")}


@pytest.fixture
def sheet_parsers(monkeypatch):
    """Every sheet parser the import creates, to read how far each one got."""
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
