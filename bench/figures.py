"""What the benchmark measures, as dataclasses shared by the measurements and the table,
the settings of a run, and the one percentile rule."""

from __future__ import annotations

from dataclasses import dataclass, field

ROUNDS = 5  # each page's requests are spread over this many turns through all pages
RSVP_DEADLINE = 300.0  # seconds: RSVP day stops there, finished or not


@dataclass
class PageFigures:
    label: str
    path: str | None = None
    status: int | None = None
    queries: int | None = None
    rps: float | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None
    errors: int = 0


@dataclass
class ScaleFigures:
    scale: int
    seconds_to_seed: float = 0.0
    pages: list[PageFigures] = field(default_factory=list)
    pdf_seconds: float | None = None
    pdf_peak_mb: float | None = None


@dataclass
class Samples:
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the timed batches
    errors: int = 0


@dataclass
class DeliveryFigures:
    count: int = 0
    pack_rate: float | None = None  # deliveries/s
    noop_rate: float | None = None  # no-op tasks/s, the limit


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
