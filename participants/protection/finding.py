"""The registry: every protected identity for one audience, ready to find and scrub them in
text (`registry(...)`, then `.find(text)` or `.scrub(text)`)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from accounts.selectors import ERASED_EMAIL_DOMAIN

from ..models import Participant, Visibility
from . import phonetic
from .identities import Identity, _erased_lookup, digest, identity_for, organisations_of_one
from .normalising import (
    _WORD,
    _substring_script,
    common_words,
    compact_with_map,
    normalise,
    normalise_with_map,
    spelled_spans,
)
from .thai import (
    _THAI_RUN,
    _is_thai_word,
    _thai_title_before,
    _thai_words,
    alike,
    phonetic_windows,
    thai_windows,
)
from .vocabulary import _ORG_JOINERS, MAX_GRAM_WORDS, MIN_SKELETON, TITLES, Audience, Form, Reason

# (start, end, form, identity) of a passage in the normalised text.
Candidate = tuple[int, int, str, Identity]


@dataclass(frozen=True)
class Term:
    normalised: str
    form: str
    identity: Identity


@dataclass(frozen=True)
class Hit:
    start: int  # offsets into the original text
    end: int
    text: str
    form: str
    identity: Identity

    @property
    def reason(self) -> str:
        return self.identity.reason


class Registry:
    """The protected identities for one audience, ready to find and scrub them in text."""

    def __init__(self, identities: list[Identity], *, keep: Iterable[str] = (), erased=None):
        self.identities = identities
        self.by_participant = {i.participant_id: i for i in identities}
        # Latin terms indexed by their first word, so a text is only searched for the
        # terms whose first word it contains (hundreds of people, thousands of terms).
        self._anchored: dict[str, list[Term]] = defaultdict(list)
        self._substring: list[Term] = []
        self._skeletons: dict[str, list[tuple[Identity, set[str]]]] = defaultdict(list)
        # Near-match index of the names' phonetic skeletons (Thai script by sound).
        self._phonetic: dict[str, list[tuple[str, int, bool, Identity]]] = defaultdict(list)
        for identity in identities:
            for normalised, form in identity.terms:
                self._add(Term(normalised, form, identity))
            for key, spelt in identity.skeletons.items():
                self._skeletons[key].append((identity, spelt))
            for key, edits, whole in identity.phonetics:
                for near in phonetic.deletions(key, edits):
                    self._phonetic[near].append((key, edits, whole, identity))
        keeper = Identity(participant_id=0, reason="", label="")
        for name in keep:
            whole = normalise(name)
            if whole:
                self._add(Term(whole, Form.KEEP, keeper))
        self._erased = erased or {}

    def _add(self, term: Term) -> None:
        if _substring_script(term.normalised):
            self._substring.append(term)
            return
        words = _WORD.findall(term.normalised)
        if words:
            self._anchored[words[0]].append(term)

    def __bool__(self) -> bool:
        return bool(self.identities or self._erased)

    # Finding --------------------------------------------------------------------------

    def find(self, text: str, *, only: set[int] | None = None) -> list[Hit]:
        """Every passage of `text` naming a protected identity, longest first, no overlaps."""
        if not text or not self:
            return []
        haystack, origin = normalise_with_map(text)
        candidates = self._latin_candidates(haystack) + self._substring_candidates(haystack)
        candidates += self._spelled_candidates(haystack)
        if self._skeletons and _THAI_RUN.search(haystack):
            candidates += self._romanised_candidates(haystack)
        if self._phonetic and _THAI_RUN.search(haystack):
            # By sound is the fallback: where a surer form already matched (the royin
            # romanisation, a name in other scripts), its span stands.
            candidates += [
                c
                for c in self._phonetic_candidates(haystack)
                if not any(c[0] < b and a < c[1] for a, b, _f, _i in candidates)
            ]
        if self._erased:
            candidates += self._find_erased(haystack)
        candidates = [
            (start, _organisation_after(haystack, end, identity.organisation), form, identity)
            for start, end, form, identity in candidates
        ]
        hits = []
        for start, end, form, identity in _longest_first(candidates, haystack):
            if form == Form.KEEP or (only is not None and identity.participant_id not in only):
                continue
            a, b = origin[start], origin[end - 1] + 1
            hits.append(Hit(a, b, text[a:b], form, identity))
        return hits

    def _latin_candidates(self, haystack: str) -> list[Candidate]:
        """Terms anchored on a word of the text (titles and initials with their dots)."""
        candidates: list[Candidate] = []
        for word in set(_WORD.findall(haystack)):
            for term in self._anchored.get(word, ()):
                for start, end in _find(term.normalised, haystack):
                    if term.form == Form.TITLED:
                        start = _title_before(haystack, start)
                        if start is None:
                            continue
                    if term.form == Form.INITIAL and haystack[end : end + 1] == ".":
                        end += 1  # "Hemi C." with its dot
                    candidates.append((start, end, term.form, term.identity))
        return candidates

    def _spelled_candidates(self, haystack: str) -> list[Candidate]:
        """Whole names written with gaps inside them ("R.i.v.e.r", "Ri ver"): a reader
        still reads the name."""
        compacted = compact_with_map(haystack)
        return [
            (start, end, term.form, term.identity)
            for terms in self._anchored.values()
            for term in terms
            if term.form in (Form.NAME, Form.NAME_PART)
            for start, end in spelled_spans(term.normalised, haystack, compacted)
        ]

    def _substring_candidates(self, haystack: str) -> list[Candidate]:
        """Terms in scripts written without spaces, found anywhere."""
        return [
            (start, end, term.form, term.identity)
            for term in self._substring
            for start, end in _find(term.normalised, haystack)
        ]

    def _romanised_candidates(self, haystack: str) -> list[Candidate]:
        """Thai words whose romanisation sounds like a protected Latin name."""
        candidates: list[Candidate] = []
        for start, end, key, heard in thai_windows(haystack):
            short = len(key) < MIN_SKELETON
            if short and not _thai_title_before(haystack, start):
                continue
            for identity, spelt in self._skeletons.get(key, ()):
                # An everyday Thai word ("ของ") or a short name must sound exactly alike.
                word = short or _is_thai_word(haystack[start:end])
                if any(heard == s if word else alike(heard, s) for s in spelt):
                    candidates.append((start, end, Form.ROMANISED, identity))
        return candidates

    def _phonetic_candidates(self, haystack: str) -> list[Candidate]:
        """Runs of Thai words that sound like a protected Latin name (`phonetic`)."""
        candidates: list[Candidate] = []
        for start, end, key, spaced, known in phonetic_windows(haystack):
            # Everyday words side by side ("นี้ โปรด") pass only for a long name, exactly.
            if known and len(key) < phonetic.MIN_KNOWN_WORDS_CLASSES:
                continue
            depth = phonetic.tolerance(len(key) + 2)
            seen: set[tuple[str, int]] = set()
            for near in phonetic.deletions(key, depth):
                for name_key, edits, whole, identity in self._phonetic.get(near, ()):
                    if whole != spaced or (name_key, identity.participant_id) in seen:
                        continue
                    seen.add((name_key, identity.participant_id))
                    if phonetic.distance(key, name_key, 0 if known else edits) <= (
                        0 if known else edits
                    ):
                        candidates.append((start, end, Form.ROMANISED, identity))
        return candidates

    def _find_erased(self, haystack: str) -> list[Candidate]:
        spans = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(haystack)]
        out = []
        for i in range(len(spans)):
            for n in range(1, MAX_GRAM_WORDS + 1):
                if i + n > len(spans):
                    break
                gram = " ".join(s[2] for s in spans[i : i + n])
                start, end = spans[i][0], spans[i + n - 1][1]
                identity = self._erased.get(digest(gram))
                if identity is not None:
                    out.append((start, end, Form.NAME, identity))
                identity = self._erased.get(digest("~" + gram))
                titled = _title_before(haystack, start) if identity is not None else None
                if titled is not None:
                    out.append((titled, end, Form.TITLED, identity))
        if _THAI_RUN.search(haystack):
            for start, end, key, heard in thai_windows(haystack):
                if len(key) < MIN_SKELETON and not _thai_title_before(haystack, start):
                    continue
                identity = self._erased.get(digest("#" + heard))
                if identity is not None:
                    out.append((start, end, Form.ROMANISED, identity))
            for start, end, key, spaced, known in phonetic_windows(haystack):
                if known and len(key) < phonetic.MIN_KNOWN_WORDS_CLASSES:
                    continue
                identity = self._erased.get(digest(("%" if spaced else "%1") + key))
                if identity is not None:
                    out.append((start, end, Form.ROMANISED, identity))
            for run in _THAI_RUN.finditer(haystack):
                words = _thai_words(run.group(0))
                cursor = run.start()
                for i, word in enumerate(words):
                    start = haystack.find(word, cursor)
                    cursor = start + len(word)
                    for n in range(1, 4):
                        chunk = "".join(words[i : i + n])
                        identity = self._erased.get(digest(chunk))
                        if identity is not None:
                            out.append((start, start + len(chunk), Form.OTHER_SCRIPT, identity))
        return out

    def names_in(self, text: str) -> list[Identity]:
        seen: dict[int, Identity] = {}
        for hit in self.find(text):
            seen.setdefault(hit.identity.participant_id, hit.identity)
        return list(seen.values())

    # Scrubbing ------------------------------------------------------------------------

    def scrub(self, text: str, *, only: set[int] | None = None) -> str:
        """The text with each passage naming a protected identity replaced by a description
        of them ("a civil society leader from Malaysia"), in the active language."""
        hits = self.find(text, only=only)
        if not hits:
            return text
        out, cursor = [], 0
        for hit in hits:
            if hit.start < cursor:
                continue
            out.append(text[cursor : hit.start])
            out.append(hit.identity.description())
            cursor = hit.end
        out.append(text[cursor:])
        return "".join(out)

    def scrub_value(self, value, *, only: set[int] | None = None):
        """`scrub` inside lists and dicts too (JSON exports)."""
        if isinstance(value, str):
            return self.scrub(value, only=only)
        if isinstance(value, list):
            return [self.scrub_value(v, only=only) for v in value]
        if isinstance(value, dict):
            return {k: self.scrub_value(v, only=only) for k, v in value.items()}
        return value


def _find(term: str, haystack: str) -> list[tuple[int, int]]:
    spans = []
    anywhere = _substring_script(term)
    start = haystack.find(term)
    while start != -1:
        end = start + len(term)
        if anywhere or (
            (start == 0 or not haystack[start - 1].isalnum())
            and (end == len(haystack) or not haystack[end].isalnum())
        ):
            spans.append((start, end))
        start = haystack.find(term, start + 1)
    return spans


def _title_before(haystack: str, start: int) -> int | None:
    """Where the title right before `start` begins, or None when there is no title."""
    before = haystack[:start].rstrip()
    match = re.search(r"([^\W\d_]+)\.?$", before)
    if match and match.group(1) in TITLES:
        return match.start()
    return None


def _organisation_after(haystack: str, end: int, organisation: str) -> int:
    """Extend a name's span over "of <their organisation>" written right after it."""
    if not organisation:
        return end
    org = re.escape(normalise(organisation))
    match = re.compile(rf"\s*{_ORG_JOINERS}\s*(?:the\s+)?{org}\)?").match(haystack, end)
    return match.end() if match else end


def _longest_first(candidates, _haystack):
    """Non-overlapping candidates, the longest winning (so a name that may be printed
    keeps a shorter protected name inside it whole)."""
    ordered = sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for candidate in ordered:
        start, end = candidate[0], candidate[1]
        if any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c[0])


def registry(*, audience: str = Audience.PARTICIPANTS, exclude: Iterable[int] = ()) -> Registry:
    """Every protected identity for this audience (see the module docstring), in two or
    three queries. `exclude`: people not to protect from this reader (themselves)."""

    exclude = set(exclude)
    common = common_words()
    single = organisations_of_one()
    people = Participant.objects.select_related("country", "organisation").exclude(
        email__endswith="@" + ERASED_EMAIL_DOMAIN
    )
    identities, keep = [], []
    for person in people.order_by("pk"):
        if person.pk in exclude:
            # The reader's own name is theirs: kept whole, so a protected person who shares
            # a surname with them is not cut out of it ("Dear Somchai <a description>").
            keep.extend(name for name in (person.full_name, person.display_name) if name)
            continue
        named_ok = person.visibility == Visibility.NAMED and (
            person.consent_named_in_reports or audience == Audience.PARTICIPANTS
        )
        if person.visibility == Visibility.HIDDEN:
            reason, names = Reason.HIDDEN, [person.full_name, person.display_name]
        elif person.visibility == Visibility.PSEUDONYMOUS:
            reason, names = Reason.PSEUDONYMOUS, [person.full_name]
            if audience == Audience.REPORTS:
                names.append(person.display_name)
        elif not named_ok:
            reason, names = Reason.NO_REPORT_CONSENT, [person.full_name, person.display_name]
        elif audience == Audience.EVERYONE:
            reason, names = Reason.OTHER, [person.full_name, person.display_name]
        else:
            # Kept whole, so a protected name inside a longer name is not cut out of it.
            keep.append(person.full_name)
            continue
        identities.append(
            identity_for(
                person,
                reason=reason,
                names=names,
                organisation_identifies=person.organisation_id in single,
                common=common,
            )
        )
    erased = {k: v for k, v in _erased_lookup().items() if v.participant_id not in exclude}
    return Registry(identities, keep=keep, erased=erased)


def protected_names_in(texts: dict[str, str]) -> dict[str, list[str]]:
    """For each field whose text names anyone on the platform who may not be named to
    participants (hidden people, pseudonymous people's real names, erased people), in
    any form or script: whose names it gives away, for staff to see.

    For what every invitee reads whatever the convening's rule (agenda, site visits,
    actions). Organisations are checked only where they identify one person.
    """
    texts = {name: text for name, text in texts.items() if text}
    if not texts:
        return {}
    people = registry(audience=Audience.PARTICIPANTS)
    found: dict[str, list[str]] = {}
    for name, text in texts.items():
        labels = {identity.label for identity in people.names_in(text)}
        if labels:
            found[name] = sorted(labels)
    return found
