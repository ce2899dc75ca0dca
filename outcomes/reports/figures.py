"""The report's headline figures, each counted by the app that owns it.

Every app that owns a figure exposes `figures_for_period(start=…, end=…)` in its
selectors, with the figure's definition written in its docstring and returned with the
figure (`common.figures.PeriodFigure`). This module only asks them, in a fixed
order; it never reaches into another app's models. The "About this report" page prints
each figure's definition, so a reader knows which date put something in the period.
"""

from __future__ import annotations

import datetime as dt

from briefings import selectors as briefings
from common.figures import PeriodFigure
from convenings import selectors as convenings
from engagement import selectors as engagement
from participants import selectors as participants

from .. import selectors as outcomes

# The key figures, in the order the report prints them; the rest are "between meetings".
KEY_FIGURES = (
    "participants",
    "network",
    "countries",
    "member_countries",
    "convenings",
    "site_visits",
    "places",
    "outcomes",
    "substantiated",
)
ENGAGEMENT_FIGURES = ("downloads", "actions", "feedback")
# Figures that describe the platform rather than activity in the period: a period in
# which only these are non-zero had nothing happen in it.
NOT_ACTIVITY = ("network", "member_countries")


def period_figures(*, start: dt.date, end: dt.date) -> dict[str, PeriodFigure]:
    """Every figure for the period, by key, from the apps that own them."""
    figures: dict[str, PeriodFigure] = {}
    for app in (participants, convenings, outcomes, briefings, engagement):
        for figure in app.figures_for_period(start=start, end=end):
            figures[figure.key] = figure
    return figures
