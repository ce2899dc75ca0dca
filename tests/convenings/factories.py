"""Factories and builders for convenings tests (the core factories are in tests/factories.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from convenings.models import ConveningStatus
from tests import factories


def open_convening(**kwargs):
    """An upcoming convening open for replies, with Thai and Indonesian interpretation."""
    defaults = {
        "status": ConveningStatus.OPEN,
        "interpretation_languages": ["th", "id"],
        "start_date": timezone.localdate() + dt.timedelta(days=30),
        "end_date": timezone.localdate() + dt.timedelta(days=31),
    }
    defaults.update(kwargs)
    return factories.ConveningFactory(**defaults)


def past_convening(**kwargs):
    defaults = {
        "status": ConveningStatus.HELD,
        "start_date": timezone.localdate() - dt.timedelta(days=60),
        "end_date": timezone.localdate() - dt.timedelta(days=59),
    }
    defaults.update(kwargs)
    return factories.ConveningFactory(**defaults)
