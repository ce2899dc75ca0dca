"""A tiny server-side SVG bar chart: no JavaScript, prints crisply, reads in any language."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

FONT = "Liberation Sans, DejaVu Sans, Loma, Garuda, Waree, sans-serif"
PALETTE = ("#0f5c6e", "#b3741a", "#1e6b3a", "#7a3e9d", "#3b6fb6", "#8a5a00")


def bar_chart(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    width: int = 480,
    label_width: int = 170,
    bar_height: int = 18,
    gap: int = 8,
    colours: Sequence[str] = PALETTE[:1],
) -> SafeString:
    """Horizontal bars, one per (label, value), with the value printed at the bar's end.

    `title` becomes the SVG's accessible name. Labels are escaped here; nothing else is
    interpolated, so the result is safe to mark.
    """
    top = 4
    height = top + len(rows) * (bar_height + gap) + 2
    largest = max((value for _label, value in rows), default=0) or 1
    room = width - label_width - 44
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT}" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{label_width}" y1="0" x2="{label_width}" y2="{height}" '
        f'stroke="#8b95a3" stroke-width="1"/>',
    ]
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_height + gap)
        bar = round(room * value / largest) if value else 0
        colour = colours[index % len(colours)]
        text_y = y + bar_height / 2 + 4
        parts.append(
            f'<text x="{label_width - 6}" y="{text_y}" text-anchor="end" fill="#1c2430">'
            f"{escape(_shorten(label, label_width // 6))}</text>"
        )
        if bar:
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{bar}" height="{bar_height}" '
                f'fill="{colour}" rx="2"/>'
            )
        parts.append(
            f'<text x="{label_width + bar + 5}" y="{text_y}" fill="#1c2430" '
            f'font-weight="bold">{value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _shorten(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
