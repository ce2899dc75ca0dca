"""Checking raw rows against the directory before anything is saved.

Each column cleans its own cell (`columns`), then the row is compared with the directory
and the rows above it for likely duplicates (`duplicates`). Nothing here writes;
`services.import_participants` saves a file only when every row is good.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from .columns import CLEAN_ORDER, COLUMNS
from .context import ImportContext
from .rows import ParsedFile, ParsedRow, RawRow


def validate_row(raw: RawRow, context: ImportContext) -> ParsedRow:
    """One row, every column: each bad cell gives its reasons, in the active language."""
    values = {name: raw["values"].get(name, "").strip() for name in COLUMNS}
    row = ParsedRow(number=raw["number"], values=values)
    for column in CLEAN_ORDER:
        try:
            row.cleaned[column.identifier] = column.clean(
                values[column.identifier], row=row, context=context
            )
        except ValidationError as exc:
            row.cleaned[column.identifier] = None
            row.errors += exc.messages
    row.warnings = context.duplicates.check(row)
    return row


def validate_rows(rows: list[RawRow]) -> ParsedFile:
    """Check every row; each bad row gets all of its reasons, in the active language."""
    context = ImportContext.load(rows)
    return ParsedFile(rows=[validate_row(raw, context) for raw in rows])
