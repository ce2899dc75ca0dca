"""Figures about so few people that they point at them are not shown."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _


def small_number_threshold() -> int:
    """Figures about fewer people than this are not shown (setting SMALL_NUMBER_THRESHOLD)."""
    return int(getattr(settings, "SMALL_NUMBER_THRESHOLD", 3))


def is_small(count: int) -> bool:
    """A count of people small enough to point at them: 1 or 2 by default. Zero is not."""
    return 0 < count < small_number_threshold()


def fewer_than() -> str:
    """What a suppressed figure shows, in the active language: "fewer than 3"."""
    return str(_("fewer than %(n)s")) % {"n": small_number_threshold()}


def mark_small(rows) -> None:
    """Mark rows of people counts (objects with `value` and `suppressed`) that are small."""
    for row in rows:
        row.suppressed = is_small(row.value)
