"""Where sentences begin and end in normalised text: the checker and attribution read one
sentence at a time."""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[.!?;\n]+")


def sentences(haystack: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `haystack`, its closing punctuation included."""
    bounds, start = [], 0
    for found in SENTENCE_END.finditer(haystack):
        bounds.append((start, found.end()))
        start = found.end()
    bounds.append((start, len(haystack)))
    return bounds
