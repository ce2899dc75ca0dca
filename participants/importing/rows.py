"""The shapes a participant import passes through, from the file's cells to cleaned rows.

A file becomes a list of `RawRow` (the file's own row number and its text cells), and then
a `ParsedFile` whose rows carry cleaned values (`CleanedRow`), the reasons they are wrong
(`errors`: the file is refused) and what staff should look at before importing
(`warnings`: a likely duplicate, which they may accept).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict


class RawRow(TypedDict):
    number: int
    values: dict[str, str]


class CleanedRow(TypedDict, total=False):
    """A row's values as the import saves them (None where the cell was refused)."""

    full_name: str
    email: str
    country: str | None  # ISO code
    sector: str | None
    expertise_level: str | None
    visibility: str | None
    display_name: str
    preferred_language: str | None
    lived_experience: bool
    joined_on: dt.date | None
    organisation: str  # spaces collapsed; "" for none
    organisation_is_new: bool  # shown in the preview: it will be added to the directory
    position: str


class ImportFileError(Exception):
    """The file cannot be read at all (type, size, encoding, missing columns)."""


@dataclass
class ParsedRow:
    number: int
    values: dict[str, str]
    cleaned: CleanedRow = field(default_factory=CleanedRow)
    errors: list[str] = field(default_factory=list)
    # Likely duplicates of someone (`duplicates`): shown, and imported once staff accept.
    warnings: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ParsedFile:
    rows: list[ParsedRow]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and all(row.is_valid for row in self.rows)

    @property
    def bad_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if not row.is_valid]

    @property
    def warned_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if row.warnings]
