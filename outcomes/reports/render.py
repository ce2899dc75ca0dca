"""Turn report figures into a file: PDF through WeasyPrint, or CSV / XLSX.

`render_report` is what the Celery task and the `export_report` command call. Rendering
runs under `deadline(settings.REPORT_RENDER_TIME_LIMIT)` where a signal timer is possible
(the main thread: the command, a prefork worker's child); the task adds Celery's own soft
and hard time limits on top.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import ReportFormat
from . import charts, tables
from .fetcher import StaticOnlyFetcher, base_url
from .selectors import ReportData, report_data

Progress = Callable[[int], None]


class ReportTimeoutError(Exception):
    """Rendering took longer than REPORT_RENDER_TIME_LIMIT."""


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Raise ReportTimeoutError in this thread after `seconds` (a no-op off the main thread)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ReportTimeoutError(f"Report rendering took longer than {seconds} s.")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_report(
    *,
    kind: str,
    start_year: int,
    end_year: int,
    language: str,
    fmt: str,
    progress: Progress | None = None,
) -> bytes:
    report = progress or (lambda percent: None)
    with translation.override(language):
        data = report_data(kind=kind, start_year=start_year, end_year=end_year)
        report(35)
        if fmt == ReportFormat.CSV:
            return tables.to_csv(data)
        if fmt == ReportFormat.XLSX:
            return tables.to_xlsx(data)
        html = report_html(data, language=language)
        report(55)
        return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url(), url_fetcher=StaticOnlyFetcher()).write_pdf()


def _page_counter_css() -> str:
    """'Page 3 of 12' in the report's language, as a CSS content value."""
    marker = _("Page %(page)s of %(pages)s")
    css = '"' + marker.replace('"', "") + '"'
    css = css.replace("%(page)s", '" counter(page) "').replace("%(pages)s", '" counter(pages) "')
    return css


def report_html(data: ReportData, *, language: str) -> str:
    context = {
        "data": data,
        "language": language,
        "title": tables._report_title(data),
        "key_figures": tables.key_figures(data),
        "page_counter": _page_counter_css(),
        "co_convenors": "International Detention Coalition (IDC) · Asia Dialogue on Forced Migration (ADFM)",
        "chart_sector": charts.bar_chart(
            [(r.label, r.value) for r in data.by_sector if not r.suppressed],
            title=_("Participants by sector"),
        ),
        "chart_country": charts.bar_chart(
            [(r.label, r.value) for r in data.by_country if not r.suppressed],
            title=_("Participants by country"),
        ),
        "chart_years": charts.bar_chart(
            [(r.label, r.value) for r in data.convenings_by_year],
            title=_("Convenings by year"),
            colours=charts.PALETTE[4:5],
        )
        if data.years > 1
        else "",
        "chart_costs": [
            charts.bar_chart(
                [
                    (_("Travel"), line.travel),
                    (_("Venue"), line.venue),
                    (_("Interpretation"), line.interpretation),
                    (_("Other"), line.other),
                ],
                title=_("Costs by type (%(currency)s)") % {"currency": line.currency},
                colours=charts.PALETTE[2:3],
                formatter=lambda value: number_format(value, decimal_pos=0, force_grouping=True),
            )
            for line in data.costs
        ],
        "chart_kind": charts.bar_chart(
            [(r.label, r.value) for r in data.outcomes_by_kind],
            title=_("Outcomes by kind"),
            colours=charts.PALETTE[:4],
        ),
        "chart_outcome_country": charts.bar_chart(
            [(r.label, r.value) for r in data.outcomes_by_country],
            title=_("Outcomes by country"),
            colours=charts.PALETTE[1:2],
        ),
    }
    return render_to_string("outcomes/report/report.html", context)
