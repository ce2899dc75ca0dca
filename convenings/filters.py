"""Search, filters and sortable columns of the staff list of convenings (django-filter).

The search box matches every word in the title or venue (any of the four languages), the
city or the host country's name; the filters narrow to one status or format. The same
search and order apply to both tables of the page (upcoming and past).
"""

from __future__ import annotations

import django_filters
from django.forms import SearchInput
from django.utils.translation import gettext_lazy as _

from platform_site.listing import (
    Column,
    ListFilterForm,
    search_q,
    search_words,
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


class ConveningFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=SearchInput(attrs={"placeholder": _("Title, city or country")}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ConveningStatus.choices, empty_label=_("Any status")
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=ConveningFormat.choices, empty_label=_("Any format")
    )

    class Meta:
        form = ListFilterForm
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset.filter(search_q(search_words(value), SEARCH_FIELDS))


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
