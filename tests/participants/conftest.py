"""Fixtures shared by the participants tests."""

from __future__ import annotations

import pytest

from tests.factories import CountryFactory


@pytest.fixture
def import_countries(db):
    """The countries the import files name (TH, ID, MY, AU, NZ), by code."""
    return {code: CountryFactory(code=code) for code in ("TH", "ID", "MY", "AU", "NZ")}
