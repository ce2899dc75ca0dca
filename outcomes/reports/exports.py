"""The report as CSV and XLSX: its tables as plain rows, and in the XLSX its charts.

Everything here comes from `ReportData`, so the spreadsheets carry the same figures and the
same confidentiality (described, not named, champions) as the PDF, and the XLSX the same
charts (`charts.report_charts`). Every cell passes through `text.clean_text`. A file
depends only on the data and the generation date (no timestamps of its own), so a past
period's report comes out the same byte for byte until its data changes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import OutcomeKind
from .charts import report_charts
from .outcome_sections import state_headers
from .selectors import ReportData
from .text import clean_text, sheet_title


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]


def _with_total(data: ReportData, lines: list) -> list:
    return [*lines, data.substantiation_totals] if data.substantiation_totals else lines


def key_figures(data: ReportData) -> list[tuple[str, int]]:
    return [(figure.label, figure.value) for figure in data.key_figures]


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
                    c.title,
                    c.country,
                    c.city,
                    c.start_date.isoformat(),
                    c.end_date.isoformat(),
                    c.format,
                    c.places,
                    c.visits,
                    _("Yes") if c.chatham_house else _("No"),
                    c.currency,
                    c.total_cost,
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
                _("Per-person costs"),
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
                    c.per_person,
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
            [[r.label, *r.counts, r.total] for r in data.outcomes_by_kind_and_country],
        ),
        Table(
            _("Substantiation by kind"),
            [_("Kind"), *state_headers(), _("Total")],
            [[r.label, *r.counts, r.total] for r in _with_total(data, data.substantiation_by_kind)],
        ),
        Table(
            _("Substantiation by country"),
            [_("Country or region"), *state_headers(), _("Total")],
            [
                [r.label, *r.counts, r.total]
                for r in _with_total(data, data.substantiation_by_country)
            ],
        ),
        Table(
            _("Outcomes"),
            [
                _("Date"),
                _("Country or region"),
                _("Kind"),
                _("Title"),
                _("Substantiation"),
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
                    e.substantiation_label,
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
                [item.year, group.label, item.what_happened, item.response]
                for group in data.challenges
                for item in group.items
            ],
        )
    )
    return tables


def _title_rows(data: ReportData) -> list[list]:
    return [[_report_title(data)], [generated_line(data)]]


def generated_line(data: ReportData) -> str:
    return _("Generated on %(date)s from the platform's records.") % {
        "date": date_format(data.generated_on, "DATE_FORMAT")
    }


def empty_notice(data: ReportData) -> str:
    """What an empty period's report says instead of its tables."""
    return _(
        "Nothing was recorded for %(period)s: no convening was held, and no outcome, "
        "follow-up action, feedback, briefing download or lesson is dated in it."
    ) % {"period": data.period_label}


def _report_title(data: ReportData) -> str:
    if data.is_annual:
        return _("Annual progress report %(period)s") % {"period": data.period_label}
    return _("Five-year summary %(period)s") % {"period": data.period_label}


def to_csv(data: ReportData) -> bytes:
    """All tables in one CSV, each headed by its title and separated by a blank line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([_cell(v) for v in row] for row in _title_rows(data))
    if data.is_empty:
        writer.writerows([[], [_cell(empty_notice(data))]])
        return buffer.getvalue().encode("utf-8-sig")
    for table in report_tables(data):
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows([_cell(v) for v in row] for row in table.rows)
    # The BOM lets spreadsheet programs open Thai and Malay text as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value):
    text = value if isinstance(value, str) else str(value)
    return clean_text(text, spreadsheet=isinstance(value, str))


def to_xlsx(data: ReportData) -> bytes:
    """One sheet per table, with a bold header row and sensible column widths, and a sheet
    of charts."""
    # openpyxl is large: imported only when an XLSX file is made.
    from openpyxl import Workbook  # noqa: PLC0415  openpyxl is slow to import: only XLSX exports pay
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415  openpyxl is slow to import: only XLSX exports pay

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    if data.is_empty:
        sheet = workbook.create_sheet(sheet_title(_report_title(data), taken=taken, fallback="1"))
        for row in [*_title_rows(data), [], [empty_notice(data)]]:
            sheet.append([_cell(v) for v in row])
        sheet.column_dimensions["A"].width = 100
    for index, table in enumerate([] if data.is_empty else report_tables(data), start=1):
        name = sheet_title(table.title, taken=taken, fallback=_("Table %(n)s") % {"n": index})
        sheet = workbook.create_sheet(name)
        sheet.append([_cell(h) for h in table.headers])
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
    if not data.is_empty:
        charts_sheet = sheet_title(_("Charts"), taken=taken, fallback="Charts")
        _add_charts(workbook.create_sheet(charts_sheet), data)
    workbook.properties.title = clean_text(_report_title(data))
    generated = dt.datetime.combine(data.generated_on, dt.time.min)
    workbook.properties.created = workbook.properties.modified = generated
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip_times(buffer.getvalue(), generated)


# Rows of one chart's block on the Charts sheet: the chart is drawn beside its figures.
CHART_ROWS = 18


def _add_charts(sheet, data: ReportData) -> None:
    """Each chart of the PDF: its figures in columns A and B, an Excel bar chart beside."""
    # openpyxl is large: imported only when an XLSX file is made.
    from openpyxl.chart import BarChart, Reference  # noqa: PLC0415  openpyxl is slow to import: only XLSX exports pay
    from openpyxl.styles import Font  # noqa: PLC0415  openpyxl is slow to import: only XLSX exports pay

    sheet.column_dimensions["A"].width = 36
    top = 1
    for spec in report_charts(data):
        sheet.cell(row=top, column=1, value=_cell(spec.title)).font = Font(bold=True)
        for offset, (label, value) in enumerate(spec.rows, start=1):
            sheet.cell(row=top + offset, column=1, value=_cell(label))
            sheet.cell(row=top + offset, column=2, value=_xlsx_cell(value))
        chart = BarChart()
        chart.type = "bar"  # horizontal bars, as in the PDF
        chart.title = clean_text(spec.title)
        chart.legend = None
        chart.y_axis.majorGridlines = None
        chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the PDF
        # openpyxl 3.1 leaves out the axes' <c:delete val="0"/>, and Excel then hides both
        # axes: bars without the names of what they count.
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        if spec.rows:
            chart.add_data(
                Reference(sheet, min_col=2, min_row=top + 1, max_row=top + len(spec.rows))
            )
            chart.set_categories(
                Reference(sheet, min_col=1, min_row=top + 1, max_row=top + len(spec.rows))
            )
            chart.series[0].graphicalProperties.solidFill = spec.colours[0].lstrip("#")
        chart.height = 7.5
        chart.width = 16
        sheet.add_chart(chart, f"D{top}")
        top += max(CHART_ROWS, len(spec.rows) + 3)


def _fixed_zip_times(content: bytes, when: dt.datetime) -> bytes:
    """The XLSX again with every member, and its "modified" property, dated `when`
    (zipfile stamps the current time, and openpyxl sets "modified" when it saves)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            member = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                member = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, member)
            target.writestr(info, member)
    return buffer.getvalue()


def _xlsx_cell(value):
    if isinstance(value, int | float):
        return value
    if hasattr(value, "as_tuple"):  # Decimal
        return float(value)
    return _cell(value)
