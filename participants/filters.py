"""The one directory filter: the staff directory and the invitation picker use the same search.

Built on django-filter: each filter narrows the queryset it is given and never widens it,
so a caller passes a queryset already limited to whom the reader may see (the staff
directory: everyone; the invitation picker: active people) and the search can only find
people on it. The search box matches every word of the text (NFC, case-insensitive; Thai
script as written) against the fields the staff pages show: the name, the name shown to
other participants, the names in other scripts, e-mail, organisation, position and country
(in any language).
Participants never reach it: their only list of people is a convening's attendees, searched
by what that page shows (`convenings/attendee_search.py`).
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.listing import search_box, search_q, search_words, translated_fields

from .forms import ANY, YES_NO, PlainLabelsForm
from .models import Country, ExpertiseLevel, Sector, Visibility

SEARCH_FIELDS = (
    "full_name",
    "display_name",
    "other_names",
    "email",
    "organisation__name",
    "position",
    *translated_fields("country__name"),
)


def search_participants(queryset: QuerySet, text: str) -> QuerySet:
    """People matching every word of `text` in one of SEARCH_FIELDS; never widens `queryset`."""
    return queryset.filter(search_q(search_words(text), SEARCH_FIELDS))


def _yes_no(queryset, name, value):
    if value in ("yes", "no"):
        return queryset.filter(**{name: value == "yes"})
    return queryset


class DirectoryFilter(django_filters.FilterSet):
    """Search and filters over people; `fields=` picks which filters a page offers."""

    q = search_box(_("Name, e-mail or organisation"))
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="country__code", empty_label=ANY[0][1]
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=ANY[0][1]
    )
    expertise = django_filters.ChoiceFilter(
        label=_("Expertise level"),
        field_name="expertise_level",
        choices=ExpertiseLevel.choices,
        empty_label=ANY[0][1],
    )
    lived_experience = django_filters.ChoiceFilter(
        label=_("Lived experience"), choices=YES_NO, empty_label=ANY[0][1], method=_yes_no
    )
    visibility = django_filters.ChoiceFilter(
        label=_("Visibility"), choices=Visibility.choices, empty_label=ANY[0][1]
    )
    active = django_filters.ChoiceFilter(
        label=pgettext_lazy("participant", "Active"),
        field_name="is_active",
        choices=YES_NO,
        empty_label=ANY[0][1],
        method=_yes_no,
    )

    class Meta:
        form = PlainLabelsForm
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, countries, fields=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if fields is not None:
            for name in list(self.filters):
                if name not in fields:
                    del self.filters[name]
        if "country" in self.filters:
            self.filters["country"].extra["choices"] = [(c.code, c.name) for c in countries]

    def filter_search(self, queryset, name, value):
        return search_participants(queryset, value)

    @property
    def active_filters(self) -> set[str]:
        """The names of the filters given a value (empty when the form is invalid)."""
        if not self.form.is_valid():
            return set()
        return {name for name, value in self.form.cleaned_data.items() if value}


def member_countries_first() -> list[Country]:
    return list(Country.objects.order_by("-is_member", "name"))
