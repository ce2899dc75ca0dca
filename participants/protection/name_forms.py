"""Every way a reader may meet a name: its parts, initials, titles, other scripts, and the
organisation where it identifies the person."""

from __future__ import annotations

import re

from .normalising import common_words, letters, normalise
from .thai import skeleton, sounds
from .vocabulary import (
    MIN_NAME_PART_LETTERS,
    MIN_SINGLE_NAME_LETTERS,
    MIN_TITLED_PART_LETTERS,
    MIN_TITLED_SKELETON,
    TITLES,
    Form,
)


def name_forms(name: str, *, common: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """(normalised term, form) for every way a reader may meet this Latin-script name."""
    common = common_words() if common is None else common
    whole = normalise(name)
    if not whole:
        return []
    words = [w.strip(".,'\u2019-()") for w in whole.split(" ")]
    words = [w for w in words if w and w not in TITLES]
    out: list[tuple[str, str]] = []
    if len(words) >= 2:
        out.append((" ".join(words), Form.NAME))
        if whole != " ".join(words):
            out.append((whole, Form.NAME))
        for word in words:
            if letters(word) >= MIN_NAME_PART_LETTERS and word not in common:
                out.append((word, Form.NAME_PART))
            if letters(word) >= MIN_TITLED_PART_LETTERS:
                out.append((word, Form.TITLED))
        first, rest = words[0], words[1:]
        for other in rest:
            if other[0].isalpha():
                out.append((f"{first} {other[0]}", Form.INITIAL))
        if first[0].isalpha():
            out.append((f"{first[0]}. {words[-1]}", Form.INITIAL))
            out.append((f"{first[0]} {words[-1]}", Form.INITIAL))
        initials = [w[0] for w in words if w[0].isalpha()]
        if len(initials) >= 2:
            out.append((".".join(initials) + ".", Form.INITIALS))
            out.append((". ".join(initials) + ".", Form.INITIALS))
    elif words:
        word = words[0]
        if letters(word) >= MIN_SINGLE_NAME_LETTERS and word not in common:
            out.append((word, Form.NAME))
        if letters(word) >= MIN_TITLED_PART_LETTERS:
            out.append((word, Form.TITLED))
    return out


def other_script_names(value: str) -> list[str]:
    return [n.strip() for n in re.split(r"[;,\n]", value or "") if n.strip()]


def _other_script_forms(value: str) -> list[tuple[str, str]]:
    out = []
    for name in other_script_names(value):
        whole = normalise(name)
        out.append((whole, Form.OTHER_SCRIPT))
        for part in whole.split(" "):
            # A Thai given name is short in letters: two consonants and a vowel mark.
            if letters(part) >= 3 and part != whole:
                out.append((part, Form.OTHER_SCRIPT))
    return out


def organisation_forms(name: str) -> list[tuple[str, str]]:
    whole = normalise(name)
    if not whole:
        return []
    out = [(whole, Form.ORGANISATION)]
    acronym = re.search(r"\(([^)]{2,12})\)", whole)
    if acronym:
        out.append((acronym.group(1).strip(), Form.ORGANISATION))
        out.append((whole[: acronym.start()].strip(), Form.ORGANISATION))
    return out


def _skeletons(full_name: str) -> dict[str, set[str]]:
    """{skeleton: {sounds}} of the name's parts that are long enough to compare with Thai."""
    keys: dict[str, set[str]] = {}
    for word in normalise(full_name).split(" "):
        if letters(word) >= MIN_NAME_PART_LETTERS and word not in TITLES:
            key = skeleton(word)
            if len(key) >= MIN_TITLED_SKELETON:
                keys.setdefault(key, set()).add(sounds(word))
    return keys
