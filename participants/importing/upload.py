"""An uploaded file, CSV or XLSX, to raw rows."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .csv_file import _read_csv
from .rows import ImportFileError, RawRow
from .xlsx_sheet import _read_xlsx

MAX_IMPORT_BYTES = 2 * 1024 * 1024


def read_upload(upload) -> list[RawRow]:
    """The rows of an uploaded .csv or .xlsx file, or ImportFileError.

    Every read is bounded by the settings `IMPORT_MAX_ROWS`, `IMPORT_MAX_COLUMNS`,
    `IMPORT_MAX_CELLS` (XLSX) and `IMPORT_MAX_LINE_CHARS` (CSV): a file past one is refused
    with a message naming the limit, before the rest of it is read.
    """
    if upload.size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    name = (upload.name or "").lower()
    data = upload.read()
    if name.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if name.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise ImportFileError(_("Upload a .csv or .xlsx file."))
