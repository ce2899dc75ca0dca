"""Thai text against Latin names: romanised with PyThaiNLP's "royin" engine and compared by
a consonant skeleton (see the package docstring)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from .normalising import _fold_ascii
from .phonetic import thai_skeleton
from .vocabulary import MIN_TITLED_SKELETON, THAI_TITLES


def skeleton(latin: str) -> str:
    """A consonant skeleton that Latin spellings of one Thai name share.

    Lower-case letters only; 'h' dropped (ph/th/kh/ch), vowels after the first letter
    dropped, 'r' before 'n' or at the end dropped (Thai final ร sounds as n), doubled
    letters made one: "Siriporn", "Siriphon" -> "srpn"; "Wongsawat", "wongswat" -> "wngswt".
    """
    # j and ch are one Thai letter (จ), spelt either way in Latin names.
    word = re.sub(r"[^a-z]", "", _fold_ascii(latin)).replace("h", "").replace("j", "c")
    if not word:
        return ""
    # A 'w' that is part of a vowel ("Kaewmanee", royin "kaeomani") goes with the vowels.
    word = word[0] + re.sub(r"w(?![aeiouy])|[aeiouy]", "", word[1:])
    word = re.sub(r"r(?=n|$)", "", word)
    return re.sub(r"(.)\1+", r"\1", word)


def sounds(latin: str) -> str:
    """A looser spelling that keeps vowels: 'h' dropped, j as c, ee as i, oo as u, a final
    or pre-n 'r' dropped, doubled letters made one ("Kaewmanee" -> "kaewmani")."""
    word = re.sub(r"[^a-z]", "", _fold_ascii(latin)).replace("h", "").replace("j", "c")
    word = word.replace("ee", "i").replace("oo", "u")
    word = re.sub(r"r(?=n|$)", "", word)
    return re.sub(r"(.)\1+", r"\1", word)


# Two spellings of one Thai name agree on their consonants (`skeleton`) and are this alike
# letter by letter (`sounds`): "ความเห็น" (khwamhen) shares the skeleton of "Kaewmanee"
# but is a common word, not the name.
MIN_SOUND_LIKENESS = 0.75


def alike(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= MIN_SOUND_LIKENESS


@functools.lru_cache(maxsize=20000)
def _romanise(thai: str) -> str:
    # why: PyThaiNLP takes ~130 ms to import; only text with Thai in it pays for it.
    from pythainlp.transliterate import romanize  # noqa: PLC0415  PyThaiNLP is slow to import: only Thai text pays

    try:
        return romanize(thai, engine="royin")
    except Exception:
        return ""


@functools.lru_cache(maxsize=20000)
def _spellings(chunk: str) -> tuple[str, str]:
    roman = _romanise(chunk)
    return skeleton(roman), sounds(roman)


@functools.lru_cache(maxsize=2000)
def _thai_words(run: str) -> tuple[str, ...]:
    # why: PyThaiNLP is imported only when Thai text is read (see `_romanise`).
    from pythainlp.tokenize import word_tokenize  # noqa: PLC0415  PyThaiNLP is slow to import: only Thai text pays

    return tuple(w for w in word_tokenize(run, engine="newmm", keep_whitespace=False) if w.strip())


_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")


@functools.lru_cache(maxsize=1)
def _thai_dictionary() -> frozenset[str]:
    # why: PyThaiNLP is imported only when Thai text is read (see `_romanise`).
    from pythainlp.corpus import thai_words  # noqa: PLC0415  PyThaiNLP is slow to import: only Thai text pays

    return frozenset(thai_words())


def _is_thai_word(chunk: str) -> bool:
    return chunk in _thai_dictionary()


@functools.lru_cache(maxsize=512)
def thai_windows(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, skeleton, sounds) of the romanisation of every run of 1-3 Thai words.

    Kept per text: every registry that reads the same text asks for the same windows."""
    return tuple(_thai_windows(text))


def _thai_windows(text: str) -> Iterable[tuple[int, int, str, str]]:
    for run in _THAI_RUN.finditer(text):
        words = _thai_words(run.group(0))
        offsets, cursor = [], run.start()
        for word in words:
            start = text.find(word, cursor)
            offsets.append((start, start + len(word)))
            cursor = start + len(word)
        for i in range(len(words)):
            for n in range(1, 4):
                if i + n > len(words):
                    break
                chunk = "".join(words[i : i + n])
                key, heard = _spellings(chunk)
                if len(key) >= MIN_TITLED_SKELETON:
                    yield offsets[i][0], offsets[i + n - 1][1], key, heard


def _thai_title_before(haystack: str, start: int) -> bool:
    return haystack[:start].rstrip().endswith(THAI_TITLES)


_THAI_PHRASE = re.compile(r"[\u0e00-\u0e7f]+(?: [\u0e00-\u0e7f]+)*")
# Words a foreign name in Thai script may span (given name and surname cut up by the
# word splitter, which does not know them: "มิลเลอร์" -> "มิ", "ลเลอร์").
MAX_PHONETIC_WORDS = 8


@functools.lru_cache(maxsize=512)
def phonetic_windows(text: str) -> tuple[tuple[int, int, str, bool, bool], ...]:
    """(start, end, phonetic skeleton, whole, known) of runs of Thai words that may be a name
    written by sound (`phonetic.thai_skeleton`). Thai puts a space between a given name and
    a surname: a whole name is a window with exactly one space in it (whole=True); a single
    part of a name is a window without a space holding a word the dictionary does not know,
    as a foreign name cut up by the word splitter does ("มิลเลอร์" -> "มิ", "ลเลอร์").
    known: every word of the window is in the dictionary ("นี้ โปรด" sounds like N PLT)."""
    out = []
    for phrase in _THAI_PHRASE.finditer(text):
        spans, cursor = [], phrase.start()
        for index, run in enumerate(phrase.group(0).split(" ")):
            for word in _thai_words(run):
                start = text.find(word, cursor)
                spans.append((start, start + len(word), word, index))
                cursor = start + len(word)
        for i in range(len(spans)):
            for n in range(1, MAX_PHONETIC_WORDS + 1):
                if i + n > len(spans):
                    break
                window = spans[i : i + n]
                runs = window[-1][3] - window[0][3]
                if runs > 1:
                    break
                known = all(_is_thai_word(w) for _a, _b, w, _r in window)
                if not runs and known:
                    continue
                key = thai_skeleton("".join(w for _a, _b, w, _r in window))
                if len(key) >= 3:
                    out.append((window[0][0], window[-1][1], key, runs == 1, known))
    return tuple(out)
