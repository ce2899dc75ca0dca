"""Text that goes into a report file: one cleaner for every format, and sheet names.

`clean_text` is the one function the PDF, CSV and XLSX exports pass text through. Text
typed by staff can hold control characters (a line break pasted from Word arrives as a
vertical tab) that XML, and so XLSX, refuses outright and a PDF prints as a box; in a
spreadsheet, a cell that starts with = + - @ would run as a formula.

`sheet_title` makes an XLSX sheet name of at most 31 characters, cut between words (Thai
is written without spaces: its words come from PyThaiNLP's dictionary tokeniser, or,
without it, the cut falls between grapheme clusters), and unique in the workbook.
"""

from __future__ import annotations

import re
import unicodedata

# The cleaner lives in common (convenings' logistics exports use it too; branch logistics).
from common.tables import FORMULA_PREFIXES, clean_text  # noqa: F401

# Characters an XLSX sheet name may not hold, and its length limit.
_SHEET_UNSAFE = re.compile(r"[\[\]\*\?/\\:]")
SHEET_NAME_LIMIT = 31
_THAI = re.compile(r"[\u0e00-\u0e7f]")
# Thai vowels written before their consonant: a cut right after one strands it.
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
# Marks that belong to the character before them (SARA AM and LAKKHANGYAO are spacing
# marks in Unicode's grapheme rules although their category is Lo).
_FOLLOWING = frozenset("\u0e33\u0e45")


def _words(text: str) -> list[str]:
    """`text` as words and the spaces between them (joined, they give `text` back)."""
    if _THAI.search(text):
        try:
            # PyThaiNLP loads its dictionary on import: only for text with Thai in it.
            from pythainlp.tokenize import word_tokenize  # noqa: PLC0415  PyThaiNLP is slow: Thai text only
        except ImportError:  # pragma: no cover - the cut falls back to graphemes
            pass
        else:
            return word_tokenize(text, engine="newmm", keep_whitespace=True)
    return re.findall(r"\s+|\S+", text)


def _grapheme_cut(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, ending between two grapheme clusters."""
    end = min(limit, len(text))
    while 0 < end < len(text) and (
        unicodedata.category(text[end]) in ("Mn", "Mc", "Me")
        or text[end] in _FOLLOWING
        or text[end - 1] in _LEADING_VOWELS
    ):
        end -= 1
    return text[:end]


def cut_at_word(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else as many whole words of it as fit."""
    if len(text) <= limit:
        return text
    kept = ""
    for word in _words(text):
        if len(kept) + len(word) > limit:
            break
        kept += word
    kept = kept.rstrip(" -\u2013\u2014,;:(")
    return kept or _grapheme_cut(text, limit)


def sheet_title(title: str, *, taken: set[str], fallback: str) -> str:
    """A valid, unique sheet name for `title`; records it in `taken` (names in casefold,
    as Excel compares them)."""
    name = " ".join(_SHEET_UNSAFE.sub(" ", clean_text(title)).split()).strip("'") or fallback
    candidate, number = cut_at_word(name, SHEET_NAME_LIMIT), 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = cut_at_word(name, SHEET_NAME_LIMIT - len(suffix)) + suffix
    taken.add(candidate.casefold())
    return candidate
