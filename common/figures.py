"""A figure one app counts for a period, with its written definition.

Each app that owns figures a report prints exposes `figures_for_period(start=…, end=…)` in
its `selectors.py`, returning these. The definition says which date decides whether
something falls in the period and what counts; the report's "About this report" page
prints it, in the report's language, beside the label.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodFigure:
    key: str
    label: str
    value: int
    definition: str
