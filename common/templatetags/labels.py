"""`{{ convening|date_range }}` or `{{ convening|date_range:"DATE_FORMAT" }}`: the dates of
anything with `start_date` and `end_date` (see common/labels.py)."""

from __future__ import annotations

from django import template

from common import labels

register = template.Library()


@register.filter
def date_range(value, fmt: str = labels.DATE_SHORT) -> str:
    return labels.date_range(value.start_date, value.end_date, fmt)
