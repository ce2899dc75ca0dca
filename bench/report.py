"""The benchmark's table: every figure beside its limit and target, with a verdict."""

from __future__ import annotations

import os
import sys
import time

from bench.figures import (
    ROUNDS,
    RSVP_DEADLINE,
    DeliveryFigures,
    ScaleFigures,
    percentile,
)
from bench.rsvp import CONSTANT_PAUSE, PARTICIPANT_PAUSE, STAFF_PAUSE, RsvpFigures

# Every page's p95 at most this many times the constant view's, at every scale and under
# the RSVP-day load.
P95_TARGET = 5.0
PDF_SECONDS_TARGET = 5.0  # the five-year PDF at 1x; at larger scales under PDF_GROWTH_TARGET x that
PDF_GROWTH_TARGET = 2.0
PACK_TARGET = 1 / 3  # the pack's delivery rate at least this fraction of the no-op rate
COLUMNS = ("measure", "scale", "figure", "limit", "figure / limit", "target", "met")


def _fmt(value, spec: str = ".0f") -> str:
    return "n/a" if value is None else format(value, spec)


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "NO")


def _latency_row(
    measure: str,
    scale: str,
    *,
    p50: float | None,
    p95: float | None,
    detail: str,
    errors: int,
    limit_p50: float | None,
    limit_p95: float | None,
) -> tuple[str, ...]:
    """A page's p95 (and p50) beside the constant view's, measured in the same run."""
    ratio = p95 / limit_p95 if p95 is not None and limit_p95 else None
    shown_errors = f", {errors} non-200" if errors else ""
    return (
        measure,
        scale,
        f"{_fmt(p95, '.1f')} ms (p50 {_fmt(p50, '.1f')}, {detail}{shown_errors})",
        f"{_fmt(limit_p95, '.1f')} ms (constant view p95; p50 {_fmt(limit_p50, '.1f')})",
        f"{_fmt(ratio, '.2f')}x",
        f"p95 <= {P95_TARGET:g}x",
        _met(None if ratio is None else ratio <= P95_TARGET and not errors),
    )


RSVP_PAGES = (
    "convening page",
    "reply page",
    "reply (POST)",
    "replies list",
    "participant directory",
)


def rsvp_rows(rsvp: RsvpFigures | None) -> list[tuple[str, ...]]:
    """RSVP day: each page's p95 under the load beside the constant view's under the same load."""
    scale = "RSVP day"
    if rsvp is None:
        return [(f"RSVP day: {label} p95", scale, "n/a", "", "", "", "n/a") for label in RSVP_PAGES]
    constant = rsvp.latencies_ms.get("constant view (limit)") or []
    limit_p50 = percentile(constant, 0.50) if constant else None
    limit_p95 = percentile(constant, 0.95) if constant else None
    rows = []
    for label in RSVP_PAGES:
        samples = rsvp.latencies_ms.get(label) or []
        rows.append(
            _latency_row(
                f"RSVP day: {label} p95",
                scale,
                p50=percentile(samples, 0.50) if samples else None,
                p95=percentile(samples, 0.95) if samples else None,
                detail=f"{len(samples)} requests",
                errors=rsvp.errors.get(label, 0),
                limit_p50=limit_p50,
                limit_p95=limit_p95,
            )
        )
    finished = rsvp.replies_saved == rsvp.participants and not rsvp.timed_out
    rows.append(
        (
            "RSVP day: replies saved",
            scale,
            f"{rsvp.replies_saved} of {rsvp.participants} in {rsvp.seconds:.0f} s",
            f"{rsvp.participants} participants ({rsvp.in_flight} at a time), {rsvp.staff} staff",
            "",
            f"all, within {RSVP_DEADLINE:g} s",
            _met(finished),
        )
    )
    return rows


def report_rows(
    scales: list[ScaleFigures],
    *,
    pdf_limit: tuple[float, float] | None,
    delivery: DeliveryFigures,
    rsvp: RsvpFigures | None = None,
) -> list[tuple[str, ...]]:
    """Every figure beside its limit and target, one row each (see COLUMNS)."""
    rows: list[tuple[str, ...]] = []
    for figures in scales:
        constant = next((p for p in figures.pages if p.path == "/bench/constant/"), None)
        limit_p95 = constant.p95_ms if constant and constant.status == 200 else None
        limit_p50 = constant.p50_ms if constant and constant.status == 200 else None
        for page in figures.pages:
            scale = f"{figures.scale}x"
            if page is constant:
                continue
            if page.status != 200:
                shown = "n/a" if page.status is None else f"HTTP {page.status}"
                rows.append((f"{page.label}: p95", scale, shown, "", "", "", "n/a"))
                continue
            rows.append(
                _latency_row(
                    f"{page.label}: p95",
                    scale,
                    p50=page.p50_ms,
                    p95=page.p95_ms,
                    detail=f"{_fmt(page.rps)} req/s",
                    errors=page.errors,
                    limit_p50=limit_p50,
                    limit_p95=limit_p95,
                )
            )
    if scales:
        labels = [p.label for p in scales[0].pages if p.path != "/bench/constant/"]
        for label in labels:
            counts = [next((p.queries for p in s.pages if p.label == label), None) for s in scales]
            known = [c for c in counts if c is not None]
            rows.append(
                (
                    f"{label}: queries",
                    " / ".join(f"{s.scale}x" for s in scales),
                    " / ".join(_fmt(c, "d") for c in counts),
                    "",
                    "",
                    "identical at every scale",
                    _met(
                        len(set(known)) == 1
                        if len(known) == len(counts) and len(counts) > 1
                        else None
                    ),
                )
            )

    rows += rsvp_rows(rsvp)

    limit_seconds, limit_peak = pdf_limit if pdf_limit else (None, None)
    base_seconds = scales[0].pdf_seconds if scales else None
    for index, figures in enumerate(scales):
        seconds = figures.pdf_seconds
        if index == 0:
            target, ok = (
                f"< {PDF_SECONDS_TARGET:g} s",
                (None if seconds is None else seconds < PDF_SECONDS_TARGET),
            )
        else:
            # "under 2x that": under twice 5 s, and under twice the 1x time (no growth).
            growth = None if base_seconds is None else PDF_GROWTH_TARGET * base_seconds
            cap = PDF_GROWTH_TARGET * PDF_SECONDS_TARGET
            target = (
                f"< {cap:g} s and < {PDF_GROWTH_TARGET:g}x the {scales[0].scale}x time "
                f"({_fmt(growth, '.2f')} s)"
            )
            ok = None if seconds is None or growth is None else seconds < min(cap, growth)
        ratio = seconds / limit_seconds if seconds is not None and limit_seconds else None
        rows.append(
            (
                "five-year summary PDF: render time",
                f"{figures.scale}x",
                f"{_fmt(seconds, '.2f')} s",
                f"{_fmt(limit_seconds, '.2f')} s (one-page WeasyPrint document)",
                f"{_fmt(ratio, '.0f')}x",
                target,
                _met(ok),
            )
        )
    for figures in scales:
        peak = figures.pdf_peak_mb
        ratio = peak / limit_peak if peak is not None and limit_peak else None
        rows.append(
            (
                "five-year summary PDF: peak memory",
                f"{figures.scale}x",
                f"{_fmt(peak)} MB",
                f"{_fmt(limit_peak)} MB (one-page WeasyPrint document)",
                f"{_fmt(ratio, '.1f')}x",
                "",
                "",
            )
        )

    ratio = (
        delivery.pack_rate / delivery.noop_rate
        if delivery.pack_rate and delivery.noop_rate
        else None
    )
    rows.append(
        (
            f"briefing pack to {delivery.count} participants",
            f"{scales[-1].scale}x" if scales else "",
            f"{_fmt(delivery.pack_rate, '.1f')} deliveries/s",
            f"{_fmt(delivery.noop_rate, '.1f')} no-op tasks/s ({delivery.count} tasks)",
            f"{_fmt(ratio, '.2f')}",
            ">= 0.33 of the no-op rate",
            _met(None if ratio is None else ratio >= PACK_TARGET),
        )
    )
    return rows


def render_table(rows: list[tuple[str, ...]]) -> str:
    """A Markdown table, padded so it also reads as plain text."""
    widths = [max(len(r[i]) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS))]

    def line(cells) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    divider = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(COLUMNS), divider, *(line(r) for r in rows)]) + "\n"


def print_report(
    scales: list[ScaleFigures],
    *,
    pdf_limit: tuple[float, float] | None,
    delivery: DeliveryFigures,
    args,
    command: str = "make bench",
    rsvp: RsvpFigures | None = None,
) -> str:
    """Print the table (with how it was measured) and return the same text."""
    rows = report_rows(scales, pdf_limit=pdf_limit, delivery=delivery, rsvp=rsvp)
    met = [r[-1] for r in rows if r[-1] in ("yes", "NO", "n/a")]
    seeding = ", ".join(f"{s.scale}x {s.seconds_to_seed:.0f} s" for s in scales)
    text = (
        f"Benchmark: `{command}` on {os.cpu_count()} cores, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Pages: {args.requests} GETs "
        f"each in {ROUNDS} rounds, {args.concurrency} in flight, gunicorn with {args.workers} "
        "workers on 127.0.0.1 against PostgreSQL, Redis as the shared cache (sessions); "
        "every request is a full render (there is no page cache); "
        "the limit is an anonymous GET of a view returning a constant through the "
        "same middleware, measured in the same rounds. "
        f"RSVP day (on the {scales[0].scale if scales else 1}x data): "
        f"{getattr(args, 'rsvp_in_flight', 8)} participants at a time open their "
        "convening page, the reply form, reply and read their page again, while 5 staff "
        "browse the replies list and the directory and one client asks for the constant "
        f"view, all through the same gunicorn, pausing {PARTICIPANT_PAUSE:g} s / "
        f"{STAFF_PAUSE:g} s / {CONSTANT_PAUSE:g} s between pages; "
        f"pack and no-op tasks through Redis and a {args.worker_concurrency}-process worker; "
        "PDF times are the median of 3 renders. "
        f"Seeding: {seeding or 'none'}.\n\n"
        + render_table(rows)
        + f"\nTargets met: {met.count('yes')} of {len(met)}"
        + (f" ({met.count('n/a')} not measured)" if "n/a" in met else "")
        + ".\n"
    )
    sys.stdout.write(text)
    return text
