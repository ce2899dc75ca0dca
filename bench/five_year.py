"""Render the five-year summary PDF once, in its own process, and report time and peak memory.

Run by bench/run.py as `python -m bench.five_year` with DJANGO_SETTINGS_MODULE=bench.settings
and the benchmark DATABASE_URL; prints one JSON object on its last line. Like the one-page
limit in bench/run.py it renders a small WeasyPrint document first, so font loading is
counted in neither. It renders the report three times and reports the median; peak memory is the process's maximum resident set (ru_maxrss).
"""

from __future__ import annotations

import json
import resource
import sys
import time

import django
from weasyprint import HTML

RENDERS = 3  # the median is reported: the machine may be busy with other work


def main() -> None:
    # A script run as `python -m bench.…`: the app's modules load once django.setup() has run.
    django.setup()
    from outcomes.models import ReportFormat, ReportKind  # noqa: PLC0415  the app's modules load only after django.setup()
    from outcomes.reports.render import render_report  # noqa: PLC0415  the app's modules load only after django.setup()

    HTML(string="<p>warm</p>").write_pdf()
    times = []
    for _ in range(RENDERS):
        started = time.perf_counter()
        content = render_report(
            kind=ReportKind.FIVE_YEAR,
            start_year=2019,
            end_year=2024,
            language="en",
            fmt=ReportFormat.PDF,
        )
        times.append(time.perf_counter() - started)
    seconds = sorted(times)[len(times) // 2]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "bytes": len(content)}))


if __name__ == "__main__":
    sys.exit(main())
