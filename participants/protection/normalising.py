"""Text made comparable: NFKD (full-width letters become plain ones), accents dropped,
casefolded, letters of other alphabets that look like a Latin letter read as that letter
(Cyrillic, Greek, Armenian and Cherokee look-alikes, the dotless i: "Kestrel" written with
a Cyrillic "e" is Kestrel), invisible format characters (zero-width spaces and joiners, soft
hyphens) dropped, Thai letters kept as written."""

from __future__ import annotations

import re
import unicodedata

from .stopwords import COMMON_WORDS


def is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


# Letters of other alphabets drawn like a Latin letter (after casefolding), read as that
# letter, so a name cannot be copied with look-alikes (River with a Cyrillic "i", U+0456).
# Only letters that look the same in ordinary fonts; where the capital and the small letter
# look like different Latin letters (Greek nu: "N" and "v"), the capital's, as names begin
# with one. Written as escapes: the letters themselves cannot be told apart on screen.
_LOOK_ALIKE_PAIRS = (
    # Cyrillic
    ("\u0430\u0432\u0435\u043a\u043c\u043d\u043e\u0440", "abekmhop"),
    ("\u0441\u0442\u0443\u0445\u0456\u0458\u0455\u0501", "ctyxijsd"),
    ("\u051b\u051d\u04bb\u04cf\u04af", "qwhly"),
    # Greek
    ("\u03b1\u03b2\u03b5\u03b6\u03b7\u03b9\u03ba\u03bc", "abezhikm"),
    ("\u03bd\u03bf\u03c1\u03c4\u03c5\u03c7\u03c2\u03f3", "noptyxcj"),
    # Latin letters outside the basic alphabet
    ("\u0131\u0237\u0251\u0261\u0269\u026a\u029f", "ijagiil"),
    # Armenian
    ("\u0585\u057d\u0570\u0578", "ouhn"),
    # Cherokee (casefolding gives the capitals)
    ("\u13aa\u13f4\u13df\u13ac\u13c0\u13bb\u13ab\u13e6", "abceghjk"),
    ("\u13de\u13b7\u13e2\u13a1\u13da\u13a2\u13d9\u13b3", "lmprstvw"),
    ("\u13c3", "z"),
)
_LOOK_ALIKES = {
    other: latin
    for others, latins in _LOOK_ALIKE_PAIRS
    for other, latin in zip(others, latins, strict=True)
}


def _fold(char: str) -> str:
    if is_thai(char):
        return char
    return "".join(
        _LOOK_ALIKES.get(folded, folded)
        for part in unicodedata.normalize("NFKD", char)
        if not unicodedata.combining(part)
        for folded in part.casefold()
    )


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if unicodedata.category(char) == "Cf":
            continue  # zero-width and other invisible characters: "Ri\u200bver" is River
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
    """Key of a name to compare display names: case, accents, full-width letters, invisible
    characters, spaces and punctuation do not count ("Ri ver", "R.i.v.e.r", River in
    full-width letters and "River\u200b" are all "river")."""
    return "".join(_WORD.findall(normalise(name)))


# A name spelt with gaps is compared this long at least ("River", not "Tan"): shorter,
# letters that happen to stand apart in ordinary text would pass for names.
MIN_SPELLED_LETTERS = 5
# Letters of a spelt-out name stand at most this many characters apart ("R. i", "Ri - ver").
MAX_SPELLED_GAP = 3


def compact_with_map(haystack: str) -> tuple[str, list[int]]:
    """The normalised text's letters and digits only, and where each came from in it."""
    chars, origin = [], []
    for index, char in enumerate(haystack):
        if char.isalnum():
            chars.append(char)
            origin.append(index)
    return "".join(chars), origin


def spelled_spans(
    term: str, haystack: str, compacted: tuple[str, list[int]] | None = None
) -> list[tuple[int, int]]:
    """Where a name is written with gaps inside it ("R.i.v.e.r", "Ri ver", "R i v e r") in
    the normalised text: its letters in order, at most `MAX_SPELLED_GAP` characters apart,
    with no letter right before or after. Only for Latin names of `MIN_SPELLED_LETTERS`.
    `compacted`: `compact_with_map(haystack)`, when the caller looks for many names."""
    compact_term = "".join(c for c in term if c.isalnum())
    if len(compact_term) < MIN_SPELLED_LETTERS or _substring_script(term):
        return []
    compact, origin = compacted or compact_with_map(haystack)
    if compact_term not in compact:
        return []
    spans = []
    start = compact.find(compact_term)
    while start != -1:
        end = start + len(compact_term)
        a, b = origin[start], origin[end - 1] + 1
        gaps = [origin[i + 1] - origin[i] - 1 for i in range(start, end - 1)]
        if (
            any(gaps)
            and max(gaps) <= MAX_SPELLED_GAP
            and (a == 0 or not haystack[a - 1].isalnum())
            and (b == len(haystack) or not haystack[b].isalnum())
        ):
            spans.append((a, b))
        start = compact.find(compact_term, start + 1)
    return spans


def _fold_ascii(text: str) -> str:
    return "".join(_fold(c) for c in text if not is_thai(c))
