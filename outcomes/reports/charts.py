"""A tiny server-side bar chart: inline SVG bars, no JavaScript, prints crisply.

Labels sit in HTML table cells rather than SVG <text>: WeasyPrint shapes Thai combining
marks correctly in HTML text but not in SVG text. Each bar is its own small SVG with the
value printed at its end, so the chart needs no script and scales with the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

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
