"""Template filters for venue time: a time beside the reader's own when the zones differ.

Pages about one convening run with the venue's zone active (convenings.views), so
`{{ session.starts_at|time:"H:i T" }}` already prints "09:00 NZDT"; `own_time` adds the
reader's wall-clock time for the same instant when it is not the same.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

from common.zones import get_zone

register = template.Library()


@register.filter
def own_time(value: dt.datetime | None, zone_name: str | None) -> str:
    """The instant in the reader's zone ("03:00", or "Mon 13 Jan 21:00" on another day),
    or "" when the reader's wall clock shows what the venue's does."""
    if not value or not zone_name:
        return ""
    venue = timezone.localtime(value)
    own = value.astimezone(get_zone(zone_name))
    if own.replace(tzinfo=None) == venue.replace(tzinfo=None):
        return ""
    if own.date() == venue.date():
        return date_format(own, "H:i")
    return date_format(own, "D j M, H:i")


@register.filter
def zone_label(name: str | None) -> str:
    """ "Pacific/Auckland" → "Pacific/Auckland" with spaces for underscores."""
    return (name or "").replace("_", " ")


@register.filter
def venue_abbreviation(convening) -> str:
    """The zone's abbreviation on the convening's first day ("NZDT", "AEDT", "+07")."""
    noon = dt.datetime.combine(convening.start_date, dt.time(12, 0), tzinfo=convening.zone)
    return noon.tzname() or ""
