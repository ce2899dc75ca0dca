"""Latin-recorded names written in Thai script, by sound: "David Miller" as "เดวิด มิลเลอร์".

Thai writes a foreign name letter for sound, so both spellings share their consonants once
each is reduced to a phonetic skeleton of consonant classes (vowels, h and y dropped,
doubled letters made one):

- Thai letters map to classes directly (`THAI_CLASSES`): ก ข ค ฆ -> K, จ ฉ ช -> C, ซ ศ ษ ส -> S,
  ด ต ถ ท ธ -> T, บ ป พ ผ ภ -> P, ร ล -> L, ง -> Q... A letter under the silent mark (์) is
  kept: Thai writes it precisely because the Latin name has it ("ทอมป์สัน", Thompson).
  Reading the letters rather than PyThaiNLP's romanisation keeps those silent letters and
  the foreign vowel spellings the rule-based romaniser gets wrong ("เดวิด" -> "deoิt").
- Latin letters map to the same classes (`latin_skeletons`), with the usual English,
  Malay, Indonesian and Māori spellings: ch as C or K (Michael, ไมเคิล), ph F, th T, sh C,
  ng Q, v and w W, z S, j C, c before e/i/y S, d T, b P, r and l L.

A whole name (given name and surname together, the Thai words side by side) matches with
a small edit distance (`tolerance`: none up to 4 classes, one from 5, two from 9); a single
part of a name only when its skeleton has at least 4 classes ("Thompson", "Williams") and
then exactly up to 4. Thai puts a space between given name and surname: a whole name is
looked for in windows with exactly one space, a part in windows without one that hold a
word the dictionary does not know (foreign names are cut into pieces by the word
splitter). Windows made only of dictionary words ("นี้ โปรด", N PLT, sounds like "Hana
Parata") match only a whole name of at least 6 classes, exactly. So common words do not
pass for names; the price is that names of few consonants ("Nurul Huda", "Aroha Ngata",
"Hana Parata" when written with common syllables) are not caught this way: record them in
"name in other scripts". Erased people are matched exactly, through keyed hashes of
their skeletons (`identities.erased_digests`).
"""

from __future__ import annotations

import functools
import itertools
import re

from .normalising import _fold_ascii

THAI_CLASSES = {
    **dict.fromkeys("กขฃคฅฆ", "K"),
    "ง": "Q",
    **dict.fromkeys("จฉชฌ", "C"),
    **dict.fromkeys("ซศษส", "S"),
    **dict.fromkeys("ดตถทธฎฏฐฑฒ", "T"),
    **dict.fromkeys("ณน", "N"),
    **dict.fromkeys("บปผพภ", "P"),
    **dict.fromkeys("ฝฟ", "F"),
    "ม": "M",
    **dict.fromkeys("รลฬฤฦ", "L"),
    "ว": "W",
}
# Letter groups of Latin spellings, longest first; a tuple offers alternatives.
_LATIN = [
    ("sch", "S"),
    ("tch", "C"),
    ("ch", ("C", "K")),
    ("sh", "C"),
    ("ph", "F"),
    ("th", "T"),
    ("kh", "K"),
    ("gh", ""),
    ("ng", "Q"),
    ("ck", "K"),
    ("qu", "KW"),
    ("x", "KS"),
]
_SINGLE = {
    **dict.fromkeys("bp", "P"),
    **dict.fromkeys("dt", "T"),
    **dict.fromkeys("kq", "K"),
    **dict.fromkeys("lr", "L"),
    **dict.fromkeys("vw", "W"),
    "f": "F",
    "j": "C",
    "m": "M",
    "n": "N",
    "s": "S",
    "z": "S",
}
MIN_PART_CLASSES = 4  # a single part of a name this long may match on its own
MIN_WHOLE_CLASSES = 4  # a whole name shorter than this is not compared by sound
# Thai words that are all in the dictionary ("นี้ โปรด") match a name only this long, exactly.
MIN_KNOWN_WORDS_CLASSES = 6


def tolerance(length: int) -> int:
    """Edits allowed between a name's skeleton of this length and a Thai one."""
    if length >= 9:
        return 2
    if length >= 5:
        return 1
    return 0


def _collapse(classes: str) -> str:
    return re.sub(r"(.)\1+", r"\1", classes)


def thai_skeleton(thai: str) -> str:
    return _collapse("".join(THAI_CLASSES.get(char, "") for char in thai))


@functools.lru_cache(maxsize=4096)
def latin_skeletons(latin: str) -> frozenset[str]:
    """Every skeleton this Latin spelling may be written as in Thai (a few at most)."""
    word = re.sub(r"[^a-z]", "", _fold_ascii(latin))
    pieces: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        for letters, classes in _LATIN:
            if word.startswith(letters, i):
                pieces.append(classes if isinstance(classes, tuple) else (classes,))
                i += len(letters)
                break
        else:
            char, after = word[i], word[i + 1 : i + 2]
            if char == "c":
                pieces.append(("S",) if after in ("e", "i", "y") else ("K",))
            elif char == "g":
                pieces.append(("K", "C") if after in ("e", "i", "y") else ("K",))
            else:
                pieces.append((_SINGLE.get(char, ""),))
            i += 1
    variants = itertools.islice(itertools.product(*pieces), 8)
    return frozenset(_collapse("".join(v)) for v in variants)


def whole_skeletons(name: str) -> frozenset[str]:
    """Skeletons of the name's parts written together, as Thai readers meet a full name."""
    parts = [latin_skeletons(p) for p in name.split() if latin_skeletons(p) - {""}]
    if len(parts) < 2:
        return frozenset()
    combined = {_collapse("".join(c)) for c in itertools.islice(itertools.product(*parts), 16)}
    return frozenset(c for c in combined if len(c) >= MIN_WHOLE_CLASSES)


def part_skeletons(name: str) -> frozenset[str]:
    """Skeletons of the name's parts that are long enough to match alone."""
    return frozenset(
        s for part in name.split() for s in latin_skeletons(part) if len(s) >= MIN_PART_CLASSES
    )


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it is certainly above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def deletions(skeleton: str, depth: int) -> set[str]:
    """The skeleton with up to `depth` letters left out (an index for near matches)."""
    out = {skeleton}
    frontier = {skeleton}
    for _ in range(depth):
        frontier = {s[:i] + s[i + 1 :] for s in frontier for i in range(len(s))}
        out |= frontier
    return out
