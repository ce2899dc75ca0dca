"""A workbook's parts counted as streams before openpyxl reads any of them: what one read
may cost, and the refusals past it."""

from __future__ import annotations

import io
import zipfile
from functools import partial
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

from .rows import ImportFileError
from .table import _too_many_cells

# A workbook is a zip: the parts it declares may unpack to at most this much. The zip reader
# never returns more than a part declares, so this bounds the XML parsed at all (a 1 MB
# upload could otherwise unpack to a gigabyte).
MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024

# Elements in the stylesheet, which openpyxl turns into objects before any row is read
# (300,000 empty formats fit in an 18 kB file and cost seconds). Excel itself allows 64,000
# formats; a participant list needs a handful.
MAX_XLSX_STYLE_ELEMENTS = 20_000

# XML elements a workbook may hold, in all its parts, per cell the import allows
# (IMPORT_MAX_CELLS): a cell is two or three (<c><v>, <c><is><t>), plus two for its shared
# string (<si><t>); a real participant list stays far below the cell limit. Every element read
# costs time whether or not it is a cell, so the element count is bounded too: a header row
# followed by millions of unknown empty elements fits in a 20 kB upload.
XLSX_ELEMENTS_PER_CELL = 4


class XlsxLimits:
    """What one workbook read may cost; `_BoundedSheetParser` counts against it."""

    def __init__(self) -> None:
        self.rows = settings.IMPORT_MAX_ROWS
        self.columns = settings.IMPORT_MAX_COLUMNS
        self.cells = settings.IMPORT_MAX_CELLS
        self.elements = settings.IMPORT_MAX_CELLS * XLSX_ELEMENTS_PER_CELL


def _too_many_elements(limit: int) -> ImportFileError:
    return ImportFileError(
        _(
            "The workbook has more than %(count)s XML elements; copy the participant rows into"
            " a new workbook and upload that."
        )
        % {"count": limit}
    )


MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _check_archive(data: bytes) -> None:
    """Refuse a workbook whose parts would cost too much before openpyxl reads any of them.

    openpyxl reads most XML parts whole into memory, and reads every worksheet through to
    its end when it names no dimension (`ReadOnlyWorksheet._get_size`), so every part is
    first counted here as a stream, element by element, against one budget for the file.
    """
    limits = XlsxLimits()
    too_big = ImportFileError(
        _("The workbook unpacks to more than %(size)s MB; save only the participant sheet.")
        % {"size": MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)}
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > MAX_XLSX_UNPACKED_BYTES:
            raise too_big
        budget = limits.elements
        for member in members:
            name = member.filename
            if not name.endswith((".xml", ".rels")):
                continue
            if name == "xl/styles.xml":
                limit, refuse = min(MAX_XLSX_STYLE_ELEMENTS, budget), _too_many_styles
            else:
                limit, refuse = budget, partial(_too_many_elements, limits.elements)
            with archive.open(member) as source:
                budget -= _count_elements(source, limit=limit, refuse=refuse, cells=limits.cells)


def _count_elements(source, *, limit: int, refuse, cells: int) -> int:
    """The elements in one XML part, refused (`refuse()`) past `limit`.

    Cells (<c>) and shared strings (<si>, each used by at most one text cell; openpyxl keeps
    them all in memory) past `cells` are refused too. expat alone, with no tree built:
    counting costs a fraction of what parsing does. A part that declares a DTD is refused,
    as defusedxml would (no workbook part needs one).
    """
    counts = {"elements": 0, "cells": 0}

    def start(name, attributes):
        counts["elements"] += 1
        if counts["elements"] > limit:
            raise refuse()
        if name in CELL_TAGS:
            counts["cells"] += 1
            if counts["cells"] > cells:
                raise _too_many_cells()

    def no_dtd(*args):
        raise ValueError("a workbook part declares a DTD")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = no_dtd
    parser.ParseFile(source)
    return counts["elements"]


def _too_many_styles() -> ImportFileError:
    return ImportFileError(
        _(
            "The workbook has more than %(count)s formatting entries; copy"
            " the participant rows into a new workbook and upload that."
        )
        % {"count": MAX_XLSX_STYLE_ELEMENTS}
    )


# expat's names (namespace}tag) of a cell and of a shared string.
CELL_TAGS = frozenset(f"{MAIN_NAMESPACE}}}{tag}" for tag in ("c", "si"))
