"""Sortable columns and search words of the staff lists (platform_site/listing.py)."""

from __future__ import annotations

import unicodedata

from django.http import QueryDict

from platform_site.listing import Column, Sorting, folded, search_words

COLUMNS = [
    Column("name", "Name", ("full_name",), text=True),
    Column("count", "Count", ("n",), numeric=True),
]


def _sorting(query: str, default: str = "name") -> Sorting:
    return Sorting(QueryDict(query), COLUMNS, default=default)


def test_the_default_column_is_announced_ascending_and_its_link_turns_it_round():
    headers = _sorting("q=somchai&page=3").headers()
    assert headers["name"].aria_sort == "ascending"
    assert headers["count"].aria_sort == ""
    # The search is kept, the page is dropped (a new order starts at page 1).
    assert QueryDict(headers["name"].url[1:]).dict() == {"q": "somchai", "sort": "-name"}
    assert QueryDict(headers["count"].url[1:]).dict() == {"q": "somchai", "sort": "count"}
    assert headers["count"].numeric is True


def test_a_descending_sort_is_announced_and_clicking_again_sorts_ascending():
    sorting = _sorting("sort=-count")
    headers = sorting.headers()
    assert headers["count"].aria_sort == "descending"
    assert headers["name"].aria_sort == ""
    assert QueryDict(headers["count"].url[1:])["sort"] == "count"
    assert sorting.value == "-count"


def test_an_unknown_column_falls_back_to_the_default_order():
    sorting = _sorting("sort=-password", default="-count")
    assert sorting.value == "-count"
    assert sorting.headers()["count"].aria_sort == "descending"


def test_search_words_are_nfc_so_a_decomposed_name_matches_the_stored_one():
    typed = unicodedata.normalize("NFD", "Nguyễn  Thị")
    assert typed != "Nguyễn"
    assert search_words(typed) == ["Nguyễn", "Thị"]
    assert search_words("  สมชาย   ใจดี ") == ["สมชาย", "ใจดี"]
    assert search_words(None) == []
    assert folded("AISYAH") == folded("aisyah")
