"""The report's tables as plain rows, shared by the CSV and XLSX exports.

Everything here comes from `ReportData`, so the spreadsheets carry the same figures and the
same confidentiality (described, not named, champions) as the PDF.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import OutcomeKind
from .selectors import ReportData


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]


def key_figures(data: ReportData) -> list[tuple[str, int]]:
    return [
        (_("Participants engaged in convenings"), data.participants_total),
        (_("People in the network at the end of the period"), data.network_total),
        (_("Countries engaged"), data.countries_engaged),
        (_("Member countries"), len(data.member_countries)),
        (_("Convenings held"), data.convenings_total),
        (_("Site visits"), data.site_visits_total),
        (_("Participant places at convenings"), data.attendances_total),
        (_("Outcomes recorded"), data.outcomes_total),
        (_("Outcomes substantiated"), data.substantiated_total),
    ]


def report_tables(data: ReportData) -> list[Table]:
    tables = [
        Table(_("Key figures"), [_("Figure"), _("Value")], [list(r) for r in key_figures(data)]),
        Table(
            _("Participants by sector"),
            [_("Sector"), _("Participants")],
            [[r.label, r.shown] for r in data.by_sector],
        ),
        Table(
            _("Participants by country"),
            [_("Country"), _("Participants")],
            [[r.label, r.shown] for r in data.by_country],
        ),
        Table(
            _("Convenings"),
            [
                _("Convening"),
                _("Host country"),
                _("City"),
                _("Start date"),
                _("End date"),
                _("Format"),
                _("Participants"),
                _("Site visits"),
                _("Chatham House Rule"),
                _("Currency"),
                _("Total cost"),
            ],
            [
                [
                    c["title"],
                    c["country"],
                    c["city"],
                    c["start_date"].isoformat(),
                    c["end_date"].isoformat(),
                    c["format"],
                    c["places"],
                    c["visits"],
                    _("Yes") if c["chatham_house"] else _("No"),
                    c["currency"],
                    c["total_cost"],
                ]
                for c in data.convenings
            ],
        ),
        Table(
            _("Costs"),
            [
                _("Currency"),
                _("Convenings"),
                _("Participant places"),
                _("Travel"),
                _("Venue"),
                _("Interpretation"),
                _("Other"),
                _("Total"),
                _("Cost per convening"),
                _("Cost per participant place"),
            ],
            [
                [
                    c.currency,
                    c.convenings,
                    c.places,
                    c.travel,
                    c.venue,
                    c.interpretation,
                    c.other,
                    c.total,
                    c.per_convening,
                    c.per_participant,
                ]
                for c in data.costs
            ],
        ),
        Table(
            _("Outcomes by kind and country"),
            [_("Country"), *[str(label) for _v, label in OutcomeKind.choices], _("Total")],
            [[r["label"], *r["counts"], r["total"]] for r in data.outcomes_by_kind_and_country],
        ),
        Table(
            _("Outcomes"),
            [
                _("Date"),
                _("Country or region"),
                _("Kind"),
                _("Title"),
                _("Verification"),
                _("What changed"),
                _("Who changed it"),
                _("Significance"),
                _("The platform's contribution"),
                _("Champions"),
                _("Framework alignment"),
                _("Linked convenings"),
            ],
            [
                [
                    e.outcome.date.isoformat(),
                    e.place,
                    e.kind_label,
                    e.title,
                    e.verification_label,
                    e.what_changed,
                    e.who_changed,
                    e.significance,
                    e.contribution,
                    "; ".join(e.champions),
                    "; ".join(e.frameworks),
                    "; ".join(e.convenings),
                ]
                for section in data.country_sections
                for e in section.outcomes
            ],
        ),
        Table(
            _("Framework alignment"),
            [_("Commitment"), _("Outcomes")],
            [[r.label, r.value] for r in data.framework_alignment],
        ),
    ]
    if data.engagement:
        tables.append(
            Table(
                _("Engagement between meetings"),
                [_("Figure"), _("Value")],
                [[r.label, r.value] for r in data.engagement],
            )
        )
    tables.append(
        Table(
            _("Challenges and lessons"),
            [_("Year"), _("Category"), _("What happened"), _("The response and the lesson")],
            [
                [item.year, group["label"], item.what_happened, item.response]
                for group in data.challenges
                for item in group["items"]
            ],
        )
    )
    return tables


def _title_rows(data: ReportData) -> list[list]:
    return [
        [_report_title(data)],
        [
            _("Generated on %(date)s from the platform's database.")
            % {"date": date_format(data.generated_on)}
        ],
    ]


def _report_title(data: ReportData) -> str:
    if data.is_annual:
        return _("Annual progress report %(period)s") % {"period": data.period_label}
    return _("Five-year summary %(period)s") % {"period": data.period_label}


def to_csv(data: ReportData) -> bytes:
    """All tables in one CSV, each headed by its title and separated by a blank line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(_title_rows(data))
    for table in report_tables(data):
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows([_cell(v) for v in row] for row in table.rows)
    # The BOM lets spreadsheet programs open Thai and Malay text as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value):
    text = value if isinstance(value, str) else str(value)
    # A leading = + - @ would be a formula in a spreadsheet; staff-typed text stays text.
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@"):
        return "'" + text
    return text


_SHEET_UNSAFE = re.compile(r"[\[\]\*\?/\\:]")


def to_xlsx(data: ReportData) -> bytes:
    """One sheet per table, with a bold header row and sensible column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for index, table in enumerate(report_tables(data), start=1):
        name = _SHEET_UNSAFE.sub(" ", table.title)[:28].strip() or f"Table {index}"
        if name in used:
            name = f"{name[:25]} {index}"
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_xlsx_cell(v) for v in row])
        for column, header in enumerate(table.headers, start=1):
            longest = max([len(str(header)), *(len(str(r[column - 1])) for r in table.rows)])
            letter = sheet.cell(row=1, column=column).column_letter
            sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    workbook.properties.title = _report_title(data)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value):
    if isinstance(value, int | float):
        return value
    if hasattr(value, "as_tuple"):  # Decimal
        return float(value)
    return _cell(value)
