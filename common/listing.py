"""Sortable columns, search text and pages for the staff lists, without JavaScript.

A list names its columns once (`Column`: a key for the URL, a label, what to order by);
`Sorting` reads `?sort=key` or `?sort=-key` from the request and gives the queryset's
ordering and one `Header` per column for the template (`includes/sort_header.html`): a plain
link that sorts by that column (again: the other way round), `aria-sort` on the column the
list is sorted by, so a screen reader says "sorted ascending", and the other query
parameters kept (search, filters), the page dropped. An unknown key is the default order,
not an error: a shared link from an older page still opens.

`SearchFilterSet` is the one django-filter base of the staff lists: a search box `q`
(`search_box`, each list its own placeholder) matching every word in one of the list's
`search_fields`, and the list's filters, in a `ListFilterForm`.

`search_words` is the one way a search box's text is read: Unicode NFC (a Thai or accented
name typed on a phone keyboard in decomposed form still matches), case folded for Python
comparisons, split on white space; every word must match somewhere.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import django_filters
from django import forms
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.forms import PlatformForm
from common.translation import every_language, localized


class ListFilterForm(PlatformForm, forms.Form):
    """The form of a list's search and filters (django-filter's `Meta.form`)."""


def search_box(placeholder: str) -> django_filters.CharFilter:
    """A list's search box (`q`), read by its filter set's `filter_search`."""
    return django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.SearchInput(attrs={"placeholder": placeholder}),
    )


class SearchFilterSet(django_filters.FilterSet):
    """A staff list's search and filters: every word of `q` in one of `search_fields`."""

    search_fields: Sequence[str] = ()

    class Meta:
        form = ListFilterForm
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset.filter(search_q(search_words(value), self.search_fields))


SORT_PARAM = "sort"
PAGE_PARAM = "page"


@dataclass(frozen=True)
class Column:
    """One sortable column: `order` names fields (text fields sort without regard to case)."""

    key: str
    label: str
    order: tuple  # field names, or expressions such as `translated_order(...)`
    text: bool = False
    numeric: bool = False

    def expressions(self, *, descending: bool) -> list:
        fields = [
            name if not isinstance(name, str) else Lower(name) if self.text else F(name)
            for name in self.order
        ]
        if descending:
            return [f.desc(nulls_last=True) for f in fields]
        return [f.asc(nulls_last=True) for f in fields]


@dataclass(frozen=True)
class Header:
    label: str
    url: str
    aria_sort: str  # "ascending", "descending" or "" (not sorted by this column)
    numeric: bool


class Sorting:
    """The order a list is shown in, read from the request's `sort` parameter."""

    def __init__(
        self, params: QueryDict, columns: Sequence[Column], *, default: str, tiebreak=("-pk",)
    ):
        self.columns = {column.key: column for column in columns}
        self.params = params
        wanted = params.get(SORT_PARAM, "") or default
        key = wanted.removeprefix("-")
        if key not in self.columns:
            wanted, key = default, default.removeprefix("-")
        self.key = key
        self.descending = wanted.startswith("-")
        self.tiebreak = tiebreak

    @property
    def value(self) -> str:
        return f"-{self.key}" if self.descending else self.key

    def ordering(self) -> list:
        return [
            *self.columns[self.key].expressions(descending=self.descending),
            *self.tiebreak,
        ]

    def apply(self, queryset):
        return queryset.order_by(*self.ordering())

    def headers(self) -> dict[str, Header]:
        """One header per column, by key, for `{% include "includes/sort_header.html" %}`."""
        headers = {}
        for key, column in self.columns.items():
            current = key == self.key
            params = self.params.copy()
            params.pop(PAGE_PARAM, None)
            # A click on the current column turns it round; elsewhere it sorts ascending.
            params[SORT_PARAM] = f"-{key}" if current and not self.descending else key
            aria = ""
            if current:
                aria = "descending" if self.descending else "ascending"
            headers[key] = Header(
                label=column.label,
                url=f"?{params.urlencode()}",
                aria_sort=aria,
                numeric=column.numeric,
            )
        return headers


def translated_order(field: str):
    """A translated field as the reader sees it (their language, else English), case folded.

    Build it per request (the active language is read when called).
    """
    language = get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    # modeltranslation gives each language's column its own field class: say the type.
    text = CharField()
    own = Lower(localized(field, language), output_field=text)
    english = Lower(localized(field, settings.LANGUAGE_CODE), output_field=text)
    return Coalesce(NullIf(own, Value(""), output_field=text), english, output_field=text)


def translated_fields(field: str) -> list[str]:
    """The column names of a translated field in every language (to search them all)."""
    return every_language(field)


def search_q(words: list[str], fields: Sequence[str]) -> Q:
    """Every word in one of `fields` (case-insensitive); an empty Q for no words."""
    condition = Q()
    for word in words:
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": word})
        condition &= match
    return condition


def paginate(params: QueryDict, items, *, per_page: int) -> tuple[Page, str]:
    """The asked page (the last for a number past the end) and the query without `page`."""
    page = Paginator(items, per_page).get_page(params.get(PAGE_PARAM))
    query = params.copy()
    query.pop(PAGE_PARAM, None)
    return page, query.urlencode()


def search_words(text: str | None) -> list[str]:
    """The words of a search box, NFC-normalised (for the database) and stripped."""
    return unicodedata.normalize("NFC", text or "").split()


def folded(text: str | None) -> str:
    """Text for comparisons made in Python: NFC and case folded."""
    return unicodedata.normalize("NFC", text or "").casefold()
