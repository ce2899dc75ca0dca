"""The report as a web page: the admin's preview of key figures and charts before any file.

It reads the same `report_data` as the files and draws the same charts as the PDF
(server-rendered SVG, `charts.report_charts`), in the admin's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from . import charts, exports
from .selectors import ReportData, report_data


@dataclass
class ReportPreview:
    data: ReportData
    title: str
    # Said instead of figures when nothing happened in the period; "" otherwise.
    empty_notice: str
    # One server-rendered SVG per chart of the PDF; none for an empty period.
    charts: list[SafeString]


def report_preview(*, kind: str, start_year: int, end_year: int) -> ReportPreview:
    data = report_data(kind=kind, start_year=start_year, end_year=end_year)
    return ReportPreview(
        data=data,
        title=exports._report_title(data),
        empty_notice=exports.empty_notice(data) if data.is_empty else "",
        charts=[] if data.is_empty else [charts.svg_chart(s) for s in charts.report_charts(data)],
    )
