"""Reading and checking a participant import file (CSV or XLSX) before anything is saved.

A file becomes a list of `RawRow` (the file's own row number and its text cells) and then a
`ParsedFile` whose rows carry cleaned values or the reasons they are wrong. Nothing here
writes; `services.import_participants` saves a file only when every row is good.
Raw rows are plain JSON, so the staff view keeps them in the session between the preview
and the commit and validates them again at commit time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import partial
from typing import TypedDict
from xml.parsers import expat

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from modeltranslation.utils import build_localized_fieldname

from .models import Country, ExpertiseLevel, Organisation, Participant, Sector, Visibility
from .protection import name_key, name_taken, names_in_use

MAX_IMPORT_BYTES = 2 * 1024 * 1024
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

# Column order of the template; the first four are required.
COLUMNS = [
    "full_name",
    "email",
    "country",
    "sector",
    "display_name",
    "organisation",
    "position",
    "expertise_level",
    "lived_experience",
    "visibility",
    "preferred_language",
    "joined_on",
]
REQUIRED_COLUMNS = ["full_name", "email", "country", "sector"]
HEADER_ALIASES = {
    "name": "full_name",
    "full name": "full_name",
    "e-mail": "email",
    "e-mail address": "email",
    "email address": "email",
    "display name": "display_name",
    "organization": "organisation",
    "expertise": "expertise_level",
    "expertise level": "expertise_level",
    "lived experience": "lived_experience",
    "language": "preferred_language",
    "preferred language": "preferred_language",
    "joined": "joined_on",
    "joined on": "joined_on",
}
# Language a new participant gets when the file leaves it blank.
COUNTRY_LANGUAGE = {"ID": "id", "MY": "ms", "TH": "th"}
YES = {"yes", "y", "true", "1", "x", "ya", "ใช่"}
NO = {"no", "n", "false", "0", "", "tidak", "tak", "ไม่"}

TEMPLATE_EXAMPLE = {
    "full_name": "Example Person",
    "email": "example.person@example.org",
    "country": "TH",
    "sector": "civil_society",
    "display_name": "",
    "organisation": "Example Foundation",
    "position": "Programme officer",
    "expertise_level": "experienced",
    "lived_experience": "no",
    "visibility": "named",
    "preferred_language": "th",
    "joined_on": "2024-03-01",
}


class RawRow(TypedDict):
    number: int
    values: dict[str, str]


class ImportFileError(Exception):
    """The file cannot be read at all (type, size, encoding, missing columns)."""


@dataclass
class ParsedRow:
    number: int
    values: dict[str, str]
    cleaned: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

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


def _stream_elements(source, *, limit: int, refuse):
    """Yield (event, element, parent) for every start and end; parent only on "end".

    Each start counts against `limit` (`refuse()` past it), whatever its tag. The parent
    lets the reader release an element once done with it (`_release`): cleared alone, it
    would stay in memory as an empty child of the element around it.
    """
    from openpyxl.xml.functions import iterparse

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


def _too_many_cells() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(count)s cells; keep only the participant rows and columns.")
        % {"count": settings.IMPORT_MAX_CELLS}
    )


def _bounded_parser_class():
    from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG, WorkSheetParser

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
    from openpyxl import load_workbook

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


def _choice(value: str, choices, *, extra: dict[str, str] | None = None) -> str | None:
    """Match a code or a label (English or the active language), ignoring case."""
    wanted = value.strip().casefold()
    table = dict(extra or {})
    for code, label in choices:
        table[str(code).casefold()] = code
        table[str(label).casefold()] = code
        with override("en"):
            table[str(label).casefold()] = code
    return table.get(wanted.replace(" ", "_")) or table.get(wanted)


def _country_table() -> dict[str, str]:
    table = {}
    for country in Country.objects.all():
        table[country.code.casefold()] = country.code
        for language, _name in settings.LANGUAGES:
            name = getattr(country, build_localized_fieldname("name", language), "")
            if name:
                table[name.casefold()] = country.code
    return table


def validate_rows(rows: list[RawRow]) -> ParsedFile:
    """Check every row; each bad row gets all of its reasons, in the active language."""
    countries = _country_table()
    emails = [row["values"].get("email", "").strip().lower() for row in rows]
    in_directory = set(
        Participant.objects.filter(email__in=[e for e in emails if e]).values_list(
            "email", flat=True
        )
    )
    known_organisations = {
        (name.casefold(), code)
        for name, code in Organisation.objects.values_list("name", "country__code")
    }
    first_row_for: dict[str, int] = {}
    in_use = names_in_use()
    parsed = []
    for row in rows:
        values = {name: row["values"].get(name, "").strip() for name in COLUMNS}
        errors: list[str] = []
        cleaned: dict = {}

        cleaned["full_name"] = values["full_name"]
        if not values["full_name"]:
            errors.append(_("The name is missing."))
        elif len(values["full_name"]) > 200:
            errors.append(_("The name is longer than 200 characters."))

        email = values["email"].lower()
        cleaned["email"] = email
        if not email:
            errors.append(_("The e-mail address is missing."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(
                    _("“%(value)s” is not a valid e-mail address.") % {"value": values["email"]}
                )
            else:
                if email in first_row_for:
                    errors.append(
                        _("The same e-mail address is already in row %(row)s of this file.")
                        % {"row": first_row_for[email]}
                    )
                else:
                    first_row_for[email] = row["number"]
                if email in in_directory:
                    errors.append(
                        _("A participant with this e-mail address is already in the directory.")
                    )

        code = countries.get(values["country"].casefold()) if values["country"] else None
        cleaned["country"] = code
        if not values["country"]:
            errors.append(_("The country is missing."))
        elif code is None:
            errors.append(_("Unknown country “%(value)s”.") % {"value": values["country"]})

        sector = _choice(values["sector"], Sector.choices) if values["sector"] else None
        cleaned["sector"] = sector
        if not values["sector"]:
            errors.append(_("The sector is missing."))
        elif sector is None:
            errors.append(
                _("Unknown sector “%(value)s”; use one of: %(choices)s.")
                % {"value": values["sector"], "choices": ", ".join(Sector.values)}
            )

        expertise = ExpertiseLevel.EXPERIENCED.value
        if values["expertise_level"]:
            expertise = _choice(values["expertise_level"], ExpertiseLevel.choices)
            if expertise is None:
                errors.append(
                    _("Unknown expertise level “%(value)s”; use one of: %(choices)s.")
                    % {
                        "value": values["expertise_level"],
                        "choices": ", ".join(ExpertiseLevel.values),
                    }
                )
        cleaned["expertise_level"] = expertise

        visibility = Visibility.NAMED.value
        if values["visibility"]:
            visibility = _choice(values["visibility"], Visibility.choices)
            if visibility is None:
                errors.append(
                    _("Unknown visibility “%(value)s”; use one of: %(choices)s.")
                    % {"value": values["visibility"], "choices": ", ".join(Visibility.values)}
                )
        cleaned["visibility"] = visibility
        display_name = values["display_name"] or values["full_name"]
        if visibility == Visibility.PSEUDONYMOUS and (
            not values["display_name"]
            or values["display_name"].casefold() == values["full_name"].casefold()
        ):
            errors.append(_("A pseudonymous participant needs a pseudonym as display name."))
        if len(display_name) > 120:
            errors.append(_("The display name is longer than 120 characters."))
        if name_taken(display_name=display_name, full_name=values["full_name"], in_use=in_use):
            errors.append(
                _(
                    "This display name is another participant's name or pseudonym (letter "
                    "case and accents do not count). Choose another."
                )
            )
        else:
            # Later rows may not take this row's names either.
            in_use.real.add(name_key(values["full_name"]))
            if name_key(display_name) != name_key(values["full_name"]):
                in_use.chosen.add(name_key(display_name))
        cleaned["display_name"] = display_name

        language = COUNTRY_LANGUAGE.get(code or "", "en")
        if values["preferred_language"]:
            language = _choice(values["preferred_language"], settings.LANGUAGES)
            if language is None:
                errors.append(
                    _("Unknown language “%(value)s”; use one of: %(choices)s.")
                    % {
                        "value": values["preferred_language"],
                        "choices": ", ".join(code for code, _name in settings.LANGUAGES),
                    }
                )
        cleaned["preferred_language"] = language

        lived = values["lived_experience"].casefold()
        cleaned["lived_experience"] = lived in YES
        if lived not in YES | NO:
            errors.append(
                _("Write yes or no for lived experience, not “%(value)s”.")
                % {"value": values["lived_experience"]}
            )

        cleaned["joined_on"] = None
        if values["joined_on"]:
            try:
                cleaned["joined_on"] = dt.date.fromisoformat(values["joined_on"][:10])
            except ValueError:
                errors.append(
                    _("“%(value)s” is not a date; write it as YYYY-MM-DD.")
                    % {"value": values["joined_on"]}
                )

        cleaned["organisation"] = " ".join(values["organisation"].split())
        # Shown in the preview: this organisation will be added to the directory.
        cleaned["organisation_is_new"] = bool(cleaned["organisation"]) and (
            (cleaned["organisation"].casefold(), code) not in known_organisations
        )
        if len(values["organisation"]) > 200:
            errors.append(_("The organisation is longer than 200 characters."))
        cleaned["position"] = values["position"]
        if len(values["position"]) > 200:
            errors.append(_("The position is longer than 200 characters."))

        parsed.append(
            ParsedRow(number=row["number"], values=values, cleaned=cleaned, errors=errors)
        )
    return ParsedFile(rows=parsed)


def template_csv() -> str:
    """The downloadable template: the header and one example row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow([TEMPLATE_EXAMPLE[c] for c in COLUMNS])
    return out.getvalue()
