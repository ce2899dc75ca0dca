"""Text made comparable: NFKD, accents dropped, casefolded, Thai letters kept as written."""

from __future__ import annotations

import re
import unicodedata

from .stopwords import COMMON_WORDS


def is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _fold(char: str) -> str:
    if is_thai(char):
        return char
    return "".join(
        part.casefold()
        for part in unicodedata.normalize("NFKD", char)
        if not unicodedata.combining(part)
    )


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(index)
            continue
        for folded in _fold(char):
            chars.append(folded)
            origin.append(index)
    return "".join(chars), origin


def normalise(text: str) -> str:
    return normalise_with_map(text or "")[0].strip()


def letters(term: str) -> int:
    return sum(1 for c in term if c.isalpha())


def _substring_script(term: str) -> bool:
    """Scripts written without spaces between words (Thai, CJK…) match anywhere."""
    return any(c.isalpha() and ord(c) > 0x24F for c in term)


def common_words() -> frozenset[str]:
    return COMMON_WORDS


_WORD = re.compile(r"[^\W_]+")


def name_key(name: str) -> str:
    """Case- and accent-insensitive key of a name, to compare display names."""
    return " ".join(_WORD.findall(normalise(name)))


def _fold_ascii(text: str) -> str:
    return "".join(_fold(c) for c in text if not is_thai(c))
