"""Labels drawn the same way on every page and in every e-mail: a span of dates.

A convening's dates were written out by hand in six templates (with two separators and two
formats); `date_range` is the one way, and the `date_range` template filter
(`{% load labels %}`) prints it.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format

DATE_SHORT = "j M Y"
EN_DASH = "\u2013"


def date_range(start: dt.date, end: dt.date, fmt: str = DATE_SHORT) -> str:
    """ "12 Jan 2027" for one day, "12 Jan 2027 - 14 Jan 2027" (with an en dash) for more,
    in the active language; `fmt` is a `date` filter format or a named one such as "DATE_FORMAT"."""
    first = date_format(start, fmt)
    if end == start:
        return first
    return f"{first} {EN_DASH} {date_format(end, fmt)}"
