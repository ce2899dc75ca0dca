"""Reading and checking a participant import file (CSV or XLSX) before anything is saved.

A file becomes a list of `RawRow` (the file's own row number and its text cells) and then a
`ParsedFile` whose rows carry cleaned values, the reasons they are wrong, and warnings of
likely duplicates. Nothing here writes; `services.import_participants` saves a file only
when every row is good. Raw rows are plain JSON, so the staff view keeps them in the
session between the preview and the commit and validates them again at commit time.

By topic: `upload` (a file to raw rows, through `csv_file`, `xlsx_archive`, `xlsx_sheet`
and `table`), `columns` (one class per column: header names, example, cleaning and its
messages), `validation` (every row through every column), `duplicates` (the same person
by name and organisation), `context` (what rows are checked against), `rows` (shapes).
The names below stay importable from `participants.importing`.
"""

from __future__ import annotations

from .columns import (
    COLUMNS,
    COUNTRY_LANGUAGE,
    HEADER_ALIASES,
    NO,
    REQUIRED_COLUMNS,
    TEMPLATE_EXAMPLE,
    YES,
    template_csv,
)
from .rows import CleanedRow, ImportFileError, ParsedFile, ParsedRow, RawRow
from .upload import MAX_IMPORT_BYTES, read_upload
from .validation import validate_rows
from .xlsx_archive import MAX_XLSX_STYLE_ELEMENTS, MAX_XLSX_UNPACKED_BYTES, XLSX_ELEMENTS_PER_CELL

__all__ = [
    "COLUMNS",
    "COUNTRY_LANGUAGE",
    "HEADER_ALIASES",
    "MAX_IMPORT_BYTES",
    "MAX_XLSX_STYLE_ELEMENTS",
    "MAX_XLSX_UNPACKED_BYTES",
    "NO",
    "REQUIRED_COLUMNS",
    "TEMPLATE_EXAMPLE",
    "XLSX_ELEMENTS_PER_CELL",
    "YES",
    "CleanedRow",
    "ImportFileError",
    "ParsedFile",
    "ParsedRow",
    "RawRow",
    "read_upload",
    "template_csv",
    "validate_rows",
]
