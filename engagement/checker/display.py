"""Showing the checker's matches to staff: the text with each match marked."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from common.translation import localized

from .matching import Match
from .terms import NOTE_FIELDS


@dataclass
class FieldMatches:
    """The matches in one field of the notes in one language, with the text highlighted."""

    field: str
    language: str
    language_name: str
    html: SafeString
    matches: list[Match]


def highlight(text: str, matches: list[Match]) -> SafeString:
    """The text, escaped, with each match wrapped in <mark> (overlaps merged)."""
    spans: list[list[int]] = []
    for m in sorted(matches, key=lambda m: m.start):
        if spans and m.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], m.end)
        else:
            spans.append([m.start, m.end])
    out, cursor = [], 0
    for start, end in spans:
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # every piece above is escaped


def report(notes, matches: list[Match]) -> list[FieldMatches]:
    """Per field and language with text: the highlighted text and its matches, for templates."""
    rows = []
    for code, language_name in settings.LANGUAGES:
        for name in NOTE_FIELDS:
            text = getattr(notes, localized(name, code), "") or ""
            here = [m for m in matches if m.field == name and m.language == code]
            if not here:
                continue
            rows.append(
                FieldMatches(
                    field=name,
                    language=code,
                    language_name=language_name,
                    html=highlight(text, here),
                    matches=here,
                )
            )
    return rows
