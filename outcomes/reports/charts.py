"""A tiny server-side bar chart: inline SVG bars, no JavaScript, prints crisply.

Labels sit in HTML table cells rather than SVG <text>: WeasyPrint shapes Thai combining
marks correctly in HTML text but not in SVG text. Each bar is its own small SVG with the
value printed at its end, so the chart needs no script and scales with the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

FONT = "Liberation Sans, DejaVu Sans, sans-serif"
PALETTE = ("#0f5c6e", "#b3741a", "#1e6b3a", "#7a3e9d", "#3b6fb6", "#8a5a00")


def bar(
    value: float, largest: float, *, width: int = 300, height: int = 14, colour: str, text=None
) -> str:
    """One horizontal bar of `value` against `largest`, with the value (or `text`) after it."""
    room = width - 56
    length = round(room * value / largest) if largest and value else 0
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-hidden="true">'
        + (
            f'<rect x="0" y="0" width="{length}" height="{height}" rx="2" fill="{colour}"/>'
            if length
            else ""
        )
        + f'<text x="{length + 5}" y="{height - 3}" font-family="{FONT}" font-size="10" '
        f'font-weight="bold" fill="#1c2430">{escape(text or str(int(value)))}</text></svg>'
    )


def bar_chart(
    rows: Sequence[tuple[str, float]],
    *,
    title: str,
    width: int = 300,
    colours: Sequence[str] = PALETTE[:1],
    formatter=None,
) -> SafeString:
    """A table of (label, bar) rows; `title` is its caption for screen readers and PDF tags."""
    largest = max((value for _label, value in rows), default=0)
    parts = [f'<table class="chart"><caption>{escape(title)}</caption><tbody>']
    for index, (label, value) in enumerate(rows):
        colour = colours[index % len(colours)]
        parts.append(
            f'<tr><th scope="row">{escape(str(label))}</th>'
            f"<td>{bar(value, largest, width=width, colour=colour, text=formatter(value) if formatter else None)}</td></tr>"
        )
    parts.append("</tbody></table>")
    return mark_safe("".join(parts))  # every text above is escaped


@dataclass
class ChartSpec:
    """One chart of a report: the PDF draws it as SVG bars, the XLSX as an Excel chart."""

    key: str
    title: str
    rows: list[tuple[str, float]]
    colours: Sequence[str] = PALETTE[:1]
    money: bool = False


def report_charts(data) -> list[ChartSpec]:
    """Every chart of the report, in the order the PDF shows them (`data`: ReportData)."""
    specs = [
        ChartSpec(
            "sector",
            _("Participants by sector"),
            [(r.label, r.value) for r in data.by_sector if not r.suppressed],
        ),
        ChartSpec(
            "country",
            _("Participants by country"),
            [(r.label, r.value) for r in data.by_country if not r.suppressed],
        ),
    ]
    if data.years > 1:
        specs.append(
            ChartSpec(
                "years",
                _("Convenings by year"),
                [(r.label, r.value) for r in data.convenings_by_year],
                PALETTE[4:5],
            )
        )
    for line in data.costs:
        specs.append(
            ChartSpec(
                f"costs-{line.currency}",
                _("Costs by type (%(currency)s)") % {"currency": line.currency},
                [
                    (_("Travel"), line.travel),
                    (_("Venue"), line.venue),
                    (_("Interpretation"), line.interpretation),
                    (_("Other"), line.other),
                    *([(_("Per-person costs"), line.per_person)] if line.per_person else []),
                ],
                PALETTE[2:3],
                money=True,
            )
        )
    specs += [
        ChartSpec(
            "kind",
            _("Outcomes by kind"),
            [(r.label, r.value) for r in data.outcomes_by_kind],
            PALETTE[:4],
        ),
        ChartSpec(
            "outcome_country",
            _("Outcomes by country"),
            [(r.label, r.value) for r in data.outcomes_by_country],
            PALETTE[1:2],
        ),
    ]
    return specs


def svg_chart(spec: ChartSpec) -> SafeString:
    """The chart as the PDF and the admin's preview page show it."""
    formatter = None
    if spec.money:

        def formatter(value):
            return number_format(value, decimal_pos=0, force_grouping=True)

    return bar_chart(spec.rows, title=spec.title, colours=spec.colours, formatter=formatter)
