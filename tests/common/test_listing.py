"""Sortable columns and search words of the staff lists (common/listing.py)."""

from __future__ import annotations

import unicodedata

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse

from common.listing import Column, Sorting, folded, paginate, search_words

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


LIST_SORTS = [
    ("convenings:staff-list", ["title", "-title", "where", "dates", "no_reply"]),
    ("briefings:staff-list", ["title", "-for", "status", "updated"]),
    ("outcomes:staff-list", ["title", "-country", "kind", "champions"]),
    ("participants:staff-directory", ["name", "-organisation", "country", "language"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "id", "ms", "th"])
@pytest.mark.parametrize(("name", "sorts"), LIST_SORTS)
def test_every_column_of_every_list_sorts_in_every_language(
    staff_client, staff_user, language, name, sorts
):
    from accounts import services as account_services
    from tests import factories
    from tests.briefings.factories import BriefingFactory
    from tests.outcomes.factories import OutcomeFactory

    account_services.set_language(user=staff_user, language=language)
    factories.InvitationFactory(convening__title_en="Forum", convening__title_th="ฟอรัม")
    BriefingFactory(title_en="Case management", title_th="การจัดการรายกรณี")
    OutcomeFactory(title_en="A pilot", title_th="โครงการนำร่อง")
    for sort in sorts:
        response = staff_client.get(reverse(name), {"sort": sort})
        assert response.status_code == 200, (name, sort, language)
        assert 'aria-sort="' in response.content.decode()


def test_titles_are_compared_without_case_spaces_or_punctuation_but_with_thai_marks():
    from common.once import normalised

    assert normalised("  Bangkok   PEER-exchange! ") == normalised("bangkok peer exchange")
    assert normalised("การแลกเปลี่ยน") == normalised(" การแลกเปลี่ยน. ")
    # Thai words that differ only by a tone mark or vowel are different words.
    assert normalised("ปี่") != normalised("ปู่")
    assert normalised("ป่า") != normalised("ปา")


def test_page_links_keep_the_other_parameters_and_the_anchor():
    """The one page navigation (`includes/pagination.html`): the engagement overview's
    "quiet only" view pages on within that view and back to its table."""
    page, query = paginate(QueryDict("show=quiet&page=2"), list(range(120)), per_page=50)
    html = render_to_string(
        "includes/pagination.html", {"page": page, "query": query, "anchor": "participants"}
    )
    assert 'href="?show=quiet&amp;page=1#participants" rel="prev"' in html
    assert 'href="?show=quiet&amp;page=3#participants" rel="next"' in html
