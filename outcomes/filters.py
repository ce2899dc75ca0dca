"""Search, filters and sortable columns of the staff list of outcomes (django-filter).

The search box matches every word in the outcome's title or "what changed" (any language),
its country, or a champion's name or organisation (staff see every champion by name); the
filters narrow by kind, country (or regional), year and verification.
"""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from common.listing import (
    Column,
    SearchFilterSet,
    search_box,
    search_q,
    search_words,
    translated_fields,
    translated_order,
)
from participants.models import Participant

from .models import OutcomeKind, Verification
from .selectors import REGIONAL, countries_for_filters
from .substantiation_selectors import STATE_KEYS, STATE_NAMES, in_state

OUTCOME_FIELDS = (
    *translated_fields("title"),
    *translated_fields("what_changed"),
    *translated_fields("country__name"),
)
CHAMPION_FIELDS = ("full_name", "display_name", "organisation__name")


class OutcomeFilter(SearchFilterSet):
    q = search_box(_("Title, change, country or champion"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OutcomeKind.choices, empty_label=_("All kinds")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), method="filter_country", empty_label=_("All countries")
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="date__year", empty_label=_("All years")
    )
    substantiation = django_filters.ChoiceFilter(
        label=_("Substantiation"),
        choices=[(key, STATE_NAMES[key]) for key in STATE_KEYS],
        method="filter_substantiation",
        empty_label=_("Any status"),
    )
    # Kept for the records made before substantiation (outcomes/substantiation_selectors.py).
    verification = django_filters.ChoiceFilter(
        label=_("Staff assessment before substantiation"),
        choices=Verification.choices,
        empty_label=_("Any status"),
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = [
            *[(c.code, c.name) for c in countries_for_filters()],
            (REGIONAL, _("Regional")),
        ]
        self.filters["year"].extra["choices"] = [(str(y), y) for y in years]

    def filter_substantiation(self, queryset, name, value):
        return queryset.filter(in_state(value))

    def filter_country(self, queryset, name, value):
        if value == REGIONAL:
            return queryset.filter(country__isnull=True)
        return queryset.filter(country__code=value)

    def filter_search(self, queryset, name, value):
        """Each word in the outcome's own fields or in one of its champions' (one subquery
        per word, so an outcome with several champions is not counted twice)."""
        for word in search_words(value):
            champion = Participant.objects.filter(
                search_q([word], CHAMPION_FIELDS), championed_outcomes=OuterRef("pk")
            )
            queryset = queryset.filter(search_q([word], OUTCOME_FIELDS) | Exists(champion))
        return queryset


def outcome_columns() -> list[Column]:
    """Built per request: titles sort in the reader's language."""
    return [
        Column("title", _("Outcome"), (translated_order("title"),)),
        Column("kind", _("Kind"), ("kind",)),
        Column("country", _("Country or region"), (translated_order("country__name"),)),
        Column("date", _("Date"), ("date",)),
        # Sorted by how many agree (fully, then partly); the state is the rule's.
        Column("substantiation", _("Substantiation"), ("subst_fully", "subst_partly")),
        Column("champions", _("Champions"), ("champion_count",), numeric=True),
        Column("evidence", _("Evidence"), ("evidence_count",), numeric=True),
    ]
