"""Reading a CSV file (UTF-8, comma, semicolon or tab), bounded by the import limits."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.utils.translation import gettext as _

from .rows import ImportFileError, RawRow
from .table import _rows_from_table, _too_many_columns, _too_many_rows


def _csv_records(reader):
    """The reader's records numbered from 1, refused past the row or column limit."""
    for number, record in enumerate(reader, start=1):
        if number > settings.IMPORT_MAX_ROWS:
            raise _too_many_rows()
        if len(record) > settings.IMPORT_MAX_COLUMNS:
            raise _too_many_columns()
        yield number, record


def _read_csv(data: bytes) -> list[RawRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The file is not UTF-8 text. In your spreadsheet choose “CSV UTF-8” when saving.")
        ) from exc
    limit = settings.IMPORT_MAX_LINE_CHARS
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > limit:
            raise ImportFileError(
                _("Line %(line)s is longer than %(count)s characters.")
                % {"line": number, "count": limit}
            )
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _rows_from_table(_csv_records(reader))
    except csv.Error as exc:
        raise ImportFileError(_("The file is not a readable CSV file.")) from exc
