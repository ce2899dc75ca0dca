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
from django.utils.translation import gettext as _

from ..models import ReportFormat
from ..substantiation_selectors import RULE_TEXT
from . import charts, exports
from .fetcher import StaticOnlyFetcher, base_url
from .outcome_sections import state_headers
from .selectors import ReportData, report_data
from .text import clean_text

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
            return exports.to_csv(data)
        if fmt == ReportFormat.XLSX:
            return exports.to_xlsx(data)
        html = report_html(data, language=language)
        report(55)
        return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    # WeasyPrint takes seconds to import (fonts, Pango): only a process that renders pays,
    # and platform_site.pdf imports it too (importing it also fixes the Thai text layer).
    from weasyprint import HTML  # noqa: PLC0415  WeasyPrint is slow to import: only rendering pays

    from platform_site.pdf import pdf_options  # noqa: PLC0415  it imports WeasyPrint

    document = HTML(string=html, base_url=base_url(), url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(**pdf_options("report"))


def _page_counter_css() -> str:
    """'Page 3 of 12' in the report's language, as a CSS content value."""
    marker = _("Page %(page)s of %(pages)s")
    css = '"' + marker.replace('"', "") + '"'
    css = css.replace("%(page)s", '" counter(page) "').replace("%(pages)s", '" counter(pages) "')
    return css


def report_html(data: ReportData, *, language: str) -> str:
    if data.is_empty:
        # One page that says so, rather than pages of zeros.
        return clean_text(
            render_to_string(
                "outcomes/report/empty.html",
                {
                    "data": data,
                    "language": language,
                    "title": exports._report_title(data),
                    "empty_notice": exports.empty_notice(data),
                    "generated_line": exports.generated_line(data),
                },
            )
        )
    context = {
        "data": data,
        "language": language,
        "title": exports._report_title(data),
        "key_figures": exports.key_figures(data),
        "page_counter": _page_counter_css(),
        "co_convenors": "International Detention Coalition (IDC) · Asia Dialogue on Forced Migration (ADFM)",
        # Substantiation: the state of outcomes from substantiators' answers, and the rule.
        "substantiation_tables": [data.substantiation_by_kind, data.substantiation_by_country],
        "substantiation_states": state_headers(),
        "substantiation_rule": str(RULE_TEXT),
    }
    # The same charts as the XLSX (charts.report_charts), drawn as SVG.
    svgs = {spec.key: charts.svg_chart(spec) for spec in charts.report_charts(data)}
    context.update(
        chart_sector=svgs["sector"],
        chart_country=svgs["country"],
        chart_years=svgs.get("years", ""),
        chart_costs=[svg for key, svg in svgs.items() if key.startswith("costs-")],
        chart_kind=svgs["kind"],
        chart_outcome_country=svgs["outcome_country"],
    )
    # Staff-typed text may hold control characters (a vertical tab from a pasted Word line
    # break); none belongs anywhere in the document.
    return clean_text(render_to_string("outcomes/report/report.html", context))
