"""From a table of cells to raw rows: the header's column names, each cell as text, and
the refusals of a file past the row, column or cell limits."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .columns import COLUMNS, HEADER_ALIASES, REQUIRED_COLUMNS
from .rows import ImportFileError, RawRow

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # Control characters (NUL above all, which PostgreSQL refuses) never belong in a cell.
    return _CONTROL.sub("", str(value)).strip()


def _header_key(value: str) -> str:
    key = " ".join(value.strip().lower().replace("_", " ").split())
    return HEADER_ALIASES.get(key, key.replace(" ", "_"))


def _rows_from_table(table) -> list[RawRow]:
    """table: iterable of (file row number, list of cells). The first non-blank row is the header."""
    header: list[str] | None = None
    rows: list[RawRow] = []
    for number, cells in table:
        texts = [_cell(c) for c in cells]
        if not any(texts):
            continue
        if header is None:
            header = [_header_key(t) for t in texts]
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                raise ImportFileError(
                    _("The first row must name the columns; missing: %(columns)s.")
                    % {"columns": ", ".join(missing)}
                )
            continue
        values = {
            name: texts[i] if i < len(texts) else ""
            for i, name in enumerate(header)
            if name in COLUMNS
        }
        rows.append({"number": number, "values": values})
    if header is None or not rows:
        raise ImportFileError(_("The file has no participants in it."))
    return rows


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        ngettext(
            "The file has more than %(count)s row; split it into smaller files.",
            "The file has more than %(count)s rows; split it into smaller files.",
            settings.IMPORT_MAX_ROWS,
        )
        % {"count": settings.IMPORT_MAX_ROWS}
    )


def _too_many_columns() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(count)s columns; keep only the participant columns.")
        % {"count": settings.IMPORT_MAX_COLUMNS}
    )


def _too_many_cells() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(count)s cells; keep only the participant rows and columns.")
        % {"count": settings.IMPORT_MAX_CELLS}
    )
