"""Write the annual report or the five-year summary to a file, for scripts.

manage.py export_report --kind annual --year 2023 --lang th --format pdf --output r.pdf
manage.py export_report --kind five-year --from 2019 --to 2024 --format xlsx --output s.xlsx
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from outcomes.forms import FIRST_YEAR
from outcomes.models import ReportFormat, ReportKind
from outcomes.reports.render import ReportTimeoutError, deadline, render_report

KINDS = {"annual": ReportKind.ANNUAL, "five-year": ReportKind.FIVE_YEAR}


class Command(BaseCommand):
    help = "Render a report (PDF, CSV or XLSX) from the database to a file."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=sorted(KINDS), required=True)
        parser.add_argument("--year", type=int, help="the year of an annual report")
        parser.add_argument("--from", dest="start_year", type=int, default=2019)
        parser.add_argument("--to", dest="end_year", type=int, default=2024)
        parser.add_argument(
            "--lang", default=settings.LANGUAGE_CODE, choices=[c for c, _n in settings.LANGUAGES]
        )
        parser.add_argument("--format", dest="fmt", choices=ReportFormat.values, default="pdf")
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, *args, kind, year, start_year, end_year, lang, fmt, output, **options):
        if kind == "annual":
            if year is None:
                raise CommandError("--year is required for an annual report.")
            start_year = end_year = year
        elif end_year < start_year:
            raise CommandError("--to must not be before --from.")
        last = timezone.localdate().year
        if not (start_year >= FIRST_YEAR and end_year <= last):
            raise CommandError(
                f"Years must be from {FIRST_YEAR} to {last}: the platform's history."
            )
        try:
            with deadline(settings.REPORT_RENDER_TIME_LIMIT):
                content = render_report(
                    kind=KINDS[kind],
                    start_year=start_year,
                    end_year=end_year,
                    language=lang,
                    fmt=fmt,
                )
        except ReportTimeoutError as exc:
            raise CommandError(str(exc)) from exc
        path = Path(output)
        path.write_bytes(content)
        self.stdout.write(f"Wrote {path} ({len(content)} bytes).")
