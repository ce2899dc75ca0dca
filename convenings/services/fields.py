"""What the convening services may write: the editable fields of each kind of record."""

from __future__ import annotations

from typing import Any

from common.translation import every_language

CONVENING_FIELDS = [
    *every_language("title"),
    "host_country",
    "city",
    *every_language("venue_name"),
    "venue_address",
    "time_zone",
    "start_date",
    "end_date",
    "reply_deadline",
    "capacity",
    "format",
    "chatham_house",
    "status",
    "interpretation_languages",
    "currency",
    "cost_travel",
    "cost_venue",
    "cost_interpretation",
    "cost_other",
]
COST_FIELDS = ["currency", "cost_travel", "cost_venue", "cost_interpretation", "cost_other"]
SESSION_FIELDS = [
    "starts_at",
    "ends_at",
    "kind",
    *every_language("title"),
    *every_language("description"),
    "facilitators",
    "room",
    "interpreted_languages",
]
SITE_VISIT_FIELDS = [
    *every_language("programme"),
    "host_organisation",
    "place",
    "date",
    *every_language("learning"),
    "session",
]
REPLY_FIELDS = [
    "status",
    "interpretation_language",
    "access_needs",
    "dietary_needs",
    "travel_support",
    "priorities",
    "chatham_house_accepted_at",
]


def _apply(obj, fields: dict[str, Any], allowed: list[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(obj, name, value)


# A change to any of these changes what the calendar files say.
CALENDAR_FIELDS = (
    "start_date",
    "end_date",
    "time_zone",
    "status",
    "host_country_id",
    "city",
    "format",
    "venue_address",
    *every_language("title"),
    *every_language("venue_name"),
)
