"""Reading the first sheet of a workbook row by row, stopped as soon as it passes a limit."""

from __future__ import annotations

import io
import zipfile
from functools import partial
from xml.parsers import expat

from django.utils.translation import gettext as _

from .rows import ImportFileError, RawRow
from .table import _rows_from_table, _too_many_cells, _too_many_columns, _too_many_rows
from .xlsx_archive import XlsxLimits, _check_archive, _too_many_elements

# What a damaged or hostile workbook raises while it is opened or read (XML parse errors
# are SyntaxError, expat's own ExpatError; defusedxml's refusals are ValueError).
_XLSX_ERRORS = (
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    OSError,
    SyntaxError,
    IndexError,
    expat.ExpatError,
)


def _stream_elements(source, *, limit: int, refuse):
    """Yield (event, element, parent) for every start and end; parent only on "end".

    Each start counts against `limit` (`refuse()` past it), whatever its tag. The parent
    lets the reader release an element once done with it (`_release`): cleared alone, it
    would stay in memory as an empty child of the element around it.
    """
    # why: openpyxl takes ~120 ms to import; only a workbook upload pays for it.
    from openpyxl.xml.functions import iterparse  # noqa: PLC0415  openpyxl is slow to import: only workbook uploads pay

    open_elements: list = []
    count = 0
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            count += 1
            if count > limit:
                raise refuse()
            open_elements.append(element)
            yield event, element, None
        else:
            open_elements.pop()
            yield event, element, open_elements[-1] if open_elements else None


def _release(element, parent) -> None:
    element.clear()
    if parent is not None:
        # The element just ended, so it is its parent's last child: removal is cheap.
        parent.remove(element)


def _bounded_parser_class():
    # why: openpyxl is imported only when a workbook is read (see `_stream_elements`).
    from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG, WorkSheetParser  # noqa: PLC0415  openpyxl is slow to import: only workbook uploads pay

    class BoundedSheetParser(WorkSheetParser):
        """openpyxl's row parser, stopped as soon as the sheet passes a limit.

        openpyxl's own `iter_rows` fills every missing row up to the row numbers the sheet
        names (one cell at row 1,048,576 yields a million empty rows) and builds a whole
        row before returning it; here cells and rows are counted as the XML streams past,
        and nothing is filled in.
        """

        limits: XlsxLimits

        def parse(self):
            self.rows_read = 0
            self.cells_read = 0
            self.elements_read = 0
            self.most_held = 0
            in_row = 0
            held = 0
            for event, element, parent in _stream_elements(
                self.source,
                limit=self.limits.elements,
                refuse=partial(_too_many_elements, self.limits.elements),
            ):
                if event == "start":
                    self.elements_read += 1
                    held += 1
                    self.most_held = max(self.most_held, held)
                    if element.tag == ROW_TAG:
                        in_row += 1
                    continue
                if element.tag == CELL_TAG:
                    self.cells_read += 1
                    if self.cells_read > self.limits.cells:
                        raise _too_many_cells()
                elif element.tag == ROW_TAG:
                    in_row -= 1
                    self.rows_read += 1
                    number, cells = self.parse_row(element)
                    held -= _held_below(element)
                    _release(element, parent)
                    held -= 1
                    if number > self.limits.rows or self.rows_read > self.limits.rows:
                        raise _too_many_rows()
                    yield number, cells
                    continue
                if not in_row:
                    # Anything outside a row (sheet settings, or junk between rows) is
                    # let go as soon as it ends; a row's cells wait for the row.
                    held -= _held_below(element) + 1
                    _release(element, parent)

        def parse_row(self, row):
            # A row number far past the limit is refused before its cells are read.
            number = row.get("r")
            if number is not None and number.isdigit() and int(number) > self.limits.rows:
                raise _too_many_rows()
            return super().parse_row(row)

    return BoundedSheetParser


def _held_below(element) -> int:
    """Elements still held inside `element` (the open ones were released already)."""
    return sum(1 for _ in element.iter()) - 1


def _sheet_table(sheet, limits: XlsxLimits):
    """(row number, cell values) of a read-only sheet, within `limits`."""
    parser_class = _bounded_parser_class()
    workbook = sheet.parent
    with sheet._get_source() as source:
        parser = parser_class(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        parser.limits = limits
        for number, cells in parser.parse():
            values: list = [None] * limits.columns
            for cell in cells:
                column = cell["column"]
                if column > limits.columns:
                    if cell["value"] not in (None, ""):
                        raise _too_many_columns()
                    continue
                values[column - 1] = cell["value"]
            yield number, values


def _read_xlsx(data: bytes) -> list[RawRow]:
    # why: openpyxl is imported only when a workbook is read (see `_stream_elements`).
    from openpyxl import load_workbook  # noqa: PLC0415  openpyxl is slow to import: only workbook uploads pay

    try:
        _check_archive(data)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except _XLSX_ERRORS as exc:
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc
    try:
        return _rows_from_table(_sheet_table(workbook.worksheets[0], XlsxLimits()))
    except ImportFileError:
        raise
    except _XLSX_ERRORS as exc:
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc
    finally:
        workbook.close()
