"""The participants' search of a convening's attendee list: only what that page shows.

A participant sees other attendees as `selectors.public_attendee_row` describes them: hidden
people not at all, pseudonymous people by their pseudonym only, named people with their
organisation, position and country. The search runs over those rows, after they are drawn,
so it can only find what the page would show anyway: a hidden person is not found by any
name, a pseudonymous one not by their real name or organisation.
"""

from __future__ import annotations

from common.listing import folded, search_words

SHOWN = ("name", "organisation", "position", "country")


def search_attendee_rows(rows: list[dict], text: str) -> list[dict]:
    """The rows in which every word of `text` appears in a shown field (any case)."""
    words = [folded(word) for word in search_words(text)]
    if not words:
        return rows
    return [
        row
        for row in rows
        if all(any(word in folded(row[name]) for name in SHOWN) for word in words)
    ]
