"""Pseudonyms used as speakers: a pseudonym written as a name with a remark attributed to it
(see the package's docstring for the rules)."""

from __future__ import annotations

import re

from participants import protection
from participants.models import Participant, Visibility

from ..sentences import sentences
from .found import Found
from .words import SPEECH_VERBS, THAI_SPEECH_VERBS


def pseudonyms() -> list[tuple[str, int, str]]:
    """(normalised pseudonym, participant id, label) for everyone pseudonymous or hidden."""
    rows = Participant.objects.filter(
        visibility__in=[Visibility.PSEUDONYMOUS, Visibility.HIDDEN]
    ).values_list("display_name", "pk", "full_name")
    return [(protection.normalise(name), pk, label) for name, pk, label in rows if name]


# Words right before a name that make it the source of a remark ("according to River",
# "menurut River", "kata River"), normalised.
ATTRIBUTION_BEFORE = re.compile(
    r"(?:according to|as|per|menurut|kata|ujar|ucap|cakap|said|says|asked|by|oleh)\s*$"
)
# Right after the name: "River's words", "River: ...".
ATTRIBUTION_AFTER = re.compile(r"^\s*(?:['\u2019]s\b|:)")
_WORD_BEFORE = re.compile(r"([^\W_]+) ?$")


def _part_of_a_place(text, haystack, origin, start, bounds) -> bool:
    """Whether the name at `start` follows "the" or a capitalised word that does not begin
    the sentence, with only a space between ("the River", "Mekong River"; not "Later,
    River" nor "In River's words")."""
    if ATTRIBUTION_BEFORE.search(haystack[:start]):
        return False
    before = _WORD_BEFORE.search(haystack[:start])
    if before is None:
        return False
    if before.group(1) == "the":
        return True
    sentence_start = next((a for a, b in bounds if a <= start < b), 0)
    first_of_sentence = not haystack[sentence_start : before.start(1)].strip()
    return text[origin[before.start(1)]].isupper() and not first_of_sentence


def speakers(text: str, haystack: str, origin: list[int], names) -> list[Found]:
    """A pseudonym written as a name (capitalised, not part of a place such as "Mekong
    River" or "the River") that a remark is attributed to: a verb of speaking after it in
    the same sentence ("River said", "River, who…, explained"), a source word before it
    ("according to River", "menurut River") or a possessive or colon after it ("River's
    words", "River: …")."""
    found: list[Found] = []
    bounds = sentences(haystack)
    for name, pk, label in names:
        if protection.letters(name) < 2:
            continue
        # Written as it is, or spelt with gaps to slip past the check ("R.i.v.e.r", "Ri ver").
        spans = protection._find(name, haystack) + protection.spelled_spans(name, haystack)
        for start, end in spans:
            if not protection._substring_script(name):
                first = text[origin[start]]
                if not first.isupper():
                    continue  # "the river shared its banks" is not River speaking
                if _part_of_a_place(text, haystack, origin, start, bounds):
                    continue  # "the River", "Mekong River": a place
            # The sentence the name ends in: "R.i.v.e.r said" is cut at its dots.
            sentence_end = next((b for a, b in bounds if a <= end - 1 < b), len(haystack))
            after = haystack[end:sentence_end]
            following = re.findall(r"[^\W_]+", after)
            if (
                any(w in SPEECH_VERBS for w in following)
                or any(v in after for v in THAI_SPEECH_VERBS)
                or ATTRIBUTION_BEFORE.search(haystack[:start])
                or ATTRIBUTION_AFTER.match(haystack[end:])
            ):
                found.append(Found(start, end, pk, label, "speaker"))
    return found
