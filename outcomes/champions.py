"""The champion picker of the outcome form: staff find people by name, country or organisation.

Instead of one list of every person in the directory, the form shows the champions already
chosen (ticked) and the people matching a search (unticked). Without JavaScript the search
is a button of the outcome form that shows the form again with the matches (nothing is
saved); with it, the search box asks `outcomes:staff-champion-search` as one types and
swaps in the same list. Staff see everyone in the directory by their recorded name (hidden
and pseudonymous people included, as in the directory); each is marked "named in reports"
or "described, not named", which is how reports will treat them. The search never reaches
participants: the endpoint is for staff only.
"""

from __future__ import annotations

from collections.abc import Iterable

from common.listing import search_q, search_words, translated_fields
from participants.models import Participant

SEARCH_FIELDS = (
    "full_name",
    "display_name",
    "other_names",
    "organisation__name",
    *translated_fields("country__name"),
)
# More than this many matches: staff are asked to narrow the search.
MAX_MATCHES = 25


def people(*, chosen: Iterable[int | str], text: str) -> tuple[list[Participant], bool]:
    """The chosen people, then up to MAX_MATCHES others matching `text`, and whether more
    matched than are shown."""
    chosen_ids = {int(pk) for pk in chosen if str(pk).isdigit()}
    base = Participant.objects.select_related("country", "organisation")
    picked = list(base.filter(pk__in=chosen_ids).order_by("full_name", "pk")) if chosen_ids else []
    words = search_words(text)
    if not words:
        return picked, False
    found = list(
        base.filter(search_q(words, SEARCH_FIELDS))
        .exclude(pk__in=chosen_ids)
        .order_by("full_name", "pk")[: MAX_MATCHES + 1]
    )
    return picked + found[:MAX_MATCHES], len(found) > MAX_MATCHES
