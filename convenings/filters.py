"""Search, filters and sortable columns of the staff list of convenings (django-filter).

The search box matches every word in the title or venue (any of the four languages), the
city or the host country's name; the filters narrow to one status or format. The same
search and order apply to both tables of the page (upcoming and past).
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from common.listing import (
    Column,
    SearchFilterSet,
    search_box,
    translated_fields,
    translated_order,
)

from .models import ConveningFormat, ConveningStatus

SEARCH_FIELDS = (
    *translated_fields("title"),
    *translated_fields("venue_name"),
    "city",
    *translated_fields("host_country__name"),
)


class ConveningFilter(SearchFilterSet):
    search_fields = SEARCH_FIELDS
    q = search_box(_("Title, city or country"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ConveningStatus.choices, empty_label=_("Any status")
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=ConveningFormat.choices, empty_label=_("Any format")
    )


def convening_columns() -> list[Column]:
    """Built per request: the title sorts in the reader's language."""
    return [
        Column("title", _("Convening"), (translated_order("title"),)),
        Column("where", _("Where"), ("city",), text=True),
        Column("dates", _("Dates"), ("start_date", "end_date")),
        Column("status", _("Status"), ("status",)),
        Column("invited", _("Invited"), ("invited_count",), numeric=True),
        Column("accepted", _("Accepted"), ("accepted_count",), numeric=True),
        Column("declined", _("Declined"), ("declined_count",), numeric=True),
        Column("no_reply", _("No reply yet"), ("no_reply_count",), numeric=True),
    ]
