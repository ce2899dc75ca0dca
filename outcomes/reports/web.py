"""The report as a web page: the admin's preview of key figures and charts before any file.

It reads the same `report_data` as the files and draws the same charts as the PDF
(server-rendered SVG, `charts.report_charts`), in the admin's language.
"""

from __future__ import annotations

from . import charts, exports
from .selectors import report_data


def report_preview(*, kind: str, start_year: int, end_year: int) -> dict:
    data = report_data(kind=kind, start_year=start_year, end_year=end_year)
    return {
        "data": data,
        "title": exports._report_title(data),
        "empty_notice": exports.empty_notice(data) if data.is_empty else "",
        "charts": []
        if data.is_empty
        else [charts.svg_chart(s) for s in charts.report_charts(data)],
    }
