"""The Chatham House checker: does any translation of these notes point at a participant?

For a Chatham House convening, notes may not be published while they name anyone
invited to it (any reply, hidden and pseudonymous people included), their
organisation, or identify them by position and country together.

Rules (the issue left these open; decided here):
- Text and terms are normalised the same way: Unicode NFKD, combining marks removed,
  casefolded, runs of white space made one space. "JOSÉ" and "jose" match. Thai vowel
  and tone marks are letters in their own right, not accents, so they are kept.
- Latin-script (and any non-Thai) terms match on word boundaries only, so "Ana" does
  not match inside "banana". Thai is written without spaces between words, so a term
  containing Thai letters matches anywhere as a substring.
- Whole names: the full name and the display name. A name of two or more words is
  always checked. A one-word name is checked when it has at least 3 letters and is not
  a common word (see `stopwords.COMMON_WORDS`), so a pseudonym like "Hope" does not
  stop every note that uses the word "hope".
- Parts of multi-word names: each part with at least 4 letters that is not a common
  word or title ("Siriporn Wongsawat" → "siriporn", "wongsawat"; "Dr Ana de la Cruz"
  → nothing on its own but the whole name). A surname alone can identify someone.
- Organisations: the whole name, by the same rules as a name.
- Position and country: the person's position and any translation of their country's
  name in the same sentence ("the deputy director-general from Thailand"). Positions
  are stored in English, so this is checked against the words as stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import build_localized_fieldname as localized

from convenings.models import Invitation
from participants import protection

from .stopwords import COMMON_WORDS

NOTE_FIELDS = ("key_points", "next_steps")
MIN_SINGLE_NAME_LETTERS = 3
MIN_NAME_PART_LETTERS = 4
_SENTENCE_END = re.compile(r"[.!?;\n]+")


class Kind:
    NAME = "name"
    ORGANISATION = "organisation"
    POSITION_COUNTRY = "position_country"
    PROTECTED = "protected"  # anyone on the platform who may not be named to participants
    SPEAKER = "speaker"  # a pseudonym used as a speaker
    DESCRIPTION = "description"  # a description that fits exactly one person present


@dataclass(frozen=True)
class Term:
    normalised: str
    kind: str
    participant_id: int
    label: str  # what staff see: whose name or organisation it is


@dataclass(frozen=True)
class Match:
    field: str  # "key_points" or "next_steps"
    language: str
    start: int  # offsets into the original text of that field and language
    end: int
    text: str  # the matched text as written
    kind: str
    participant_id: int
    reason: str
    why: str = ""  # for PROTECTED: participants.protection.Reason (hidden, erased…)

    @property
    def why_label(self) -> str:
        """Why this person may not be named, in the reader's language."""
        return protection.reason_label(self.why)


@dataclass
class _Person:
    participant_id: int
    terms: list[Term] = field(default_factory=list)
    position: str = ""
    countries: list[str] = field(default_factory=list)
    label: str = ""


# --- Normalisation (shared with every other surface, see participants.protection) ---------

_is_thai = protection.is_thai
normalise_with_map = protection.normalise_with_map
normalise = protection.normalise
_letters = protection.letters


def _has_thai(term: str) -> bool:
    return any(_is_thai(c) for c in term)


# --- Terms ----------------------------------------------------------------------------


def _name_terms(name: str) -> list[str]:
    """The whole name if it is distinctive enough, and its distinctive parts."""
    whole = normalise(name)
    if not whole:
        return []
    words = whole.split(" ")
    terms = []
    if len(words) >= 2:
        terms.append(whole)
        for word in words:
            word = word.strip(".,'\u2019-()")
            if _letters(word) >= MIN_NAME_PART_LETTERS and word not in COMMON_WORDS:
                terms.append(word)
    elif _letters(whole) >= MIN_SINGLE_NAME_LETTERS and whole not in COMMON_WORDS:
        terms.append(whole)
    return terms


def _people_for(convening, *, only_protected: bool = False) -> list[_Person]:
    """Every invitee's terms; with `only_protected`, only the hidden and pseudonymous ones,
    and for a pseudonymous person not their pseudonym, which is what others may read."""
    from participants.models import Visibility

    languages = [code for code, _name in settings.LANGUAGES]
    invitations = Invitation.objects.filter(convening=convening).select_related(
        "participant", "participant__organisation", "participant__country"
    )
    if only_protected:
        invitations = invitations.filter(
            participant__visibility__in=[Visibility.HIDDEN, Visibility.PSEUDONYMOUS]
        )
    people = []
    for invitation in invitations:
        person = invitation.participant
        entry = _Person(participant_id=person.pk, label=person.full_name)
        seen: set[str] = set()
        names = [person.full_name]
        if not (only_protected and person.visibility == Visibility.PSEUDONYMOUS):
            names.append(person.display_name)
        for name in names:
            for term in _name_terms(name or ""):
                if term not in seen:
                    seen.add(term)
                    entry.terms.append(Term(term, Kind.NAME, person.pk, person.full_name))
        if person.organisation_id:
            for term in _name_terms(person.organisation.name)[:1]:
                entry.terms.append(
                    Term(term, Kind.ORGANISATION, person.pk, person.organisation.name)
                )
        entry.position = normalise(person.position or "")
        if person.country_id:
            names = {getattr(person.country, localized("name", code), "") for code in languages}
            names.add(person.country.name)
            entry.countries = sorted({normalise(n) for n in names if n})
        people.append(entry)
    return people


# --- Matching -------------------------------------------------------------------------


def _find(term: str, haystack: str) -> list[tuple[int, int]]:
    spans = []
    thai = _has_thai(term)
    start = haystack.find(term)
    while start != -1:
        end = start + len(term)
        if thai or (
            (start == 0 or not haystack[start - 1].isalnum())
            and (end == len(haystack) or not haystack[end].isalnum())
        ):
            spans.append((start, end))
        start = haystack.find(term, start + 1)
    return spans


def _sentences(haystack: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for found in _SENTENCE_END.finditer(haystack):
        bounds.append((start, found.end()))
        start = found.end()
    bounds.append((start, len(haystack)))
    return bounds


def check_text(text: str, people: list[_Person], *, field_name: str, language: str) -> list[Match]:
    if not text:
        return []
    haystack, origin = normalise_with_map(text)
    matches: list[Match] = []

    def _match(span, kind, pid, reason):
        start, end = origin[span[0]], origin[span[1] - 1] + 1
        return Match(field_name, language, start, end, text[start:end], kind, pid, reason)

    for person in people:
        for term in person.terms:
            for span in _term_spans(term, haystack):
                kind = term.kind if term.kind in (Kind.NAME, Kind.ORGANISATION) else Kind.NAME
                matches.append(_match(span, kind, term.participant_id, term.label))
        if person.position and person.countries:
            positions = _find(person.position, haystack)
            countries = [s for c in person.countries for s in _find(c, haystack)]
            for s_start, s_end in _sentences(haystack):
                pos_in = [p for p in positions if s_start <= p[0] < s_end]
                cty_in = [c for c in countries if s_start <= c[0] < s_end]
                if pos_in and cty_in:
                    country = haystack[cty_in[0][0] : cty_in[0][1]]
                    reason = f"{person.label}: {person.position} + {country}"
                    for span in pos_in + cty_in:
                        matches.append(
                            _match(span, Kind.POSITION_COUNTRY, person.participant_id, reason)
                        )
    matches.sort(key=lambda m: (m.start, -m.end))
    return matches


def _extra_name_forms(people: list[_Person], convening) -> None:
    """Titles, initials and names in other scripts of the invitees (see participants.protection)."""
    from participants.models import Participant

    ids = [p.participant_id for p in people]
    records = Participant.objects.filter(pk__in=ids).only("full_name", "other_names", "pk")
    by_id = {p.participant_id: p for p in people}
    common = protection.common_words()
    for record in records:
        person = by_id[record.pk]
        have = {t.normalised for t in person.terms}
        for term, form in protection.name_forms(record.full_name, common=common):
            extra = (protection.Form.INITIAL, protection.Form.INITIALS, protection.Form.TITLED)
            if form in extra and term not in have:
                person.terms.append(Term(term, form, record.pk, record.full_name))
        for term, _form in protection._other_script_forms(record.other_names):
            if term not in have:
                person.terms.append(Term(term, Kind.NAME, record.pk, record.full_name))


def _term_spans(term: Term, haystack: str) -> list[tuple[int, int]]:
    spans = _find(term.normalised, haystack)
    if term.kind != protection.Form.TITLED:
        return spans
    out = []
    for start, end in spans:
        titled = protection._title_before(haystack, start)
        if titled is not None:
            out.append((titled, end))
    return out


class Checker:
    """Everything the notes of one convening are checked against, built once."""

    def __init__(self, convening, *, chatham_house: bool = True, registry=None):
        from . import attribution

        self.chatham_house = chatham_house
        self.people = _people_for(convening) if chatham_house else []
        # Thai text naming an invitee recorded in Latin script ("สมชาย" for Somchai).
        self.romanised = protection.Registry(
            [
                protection.Identity(
                    participant_id=p.participant_id,
                    reason="",
                    label=p.label,
                    skeletons=protection._skeletons(p.label),
                )
                for p in self.people
            ]
        )
        if chatham_house:
            _extra_name_forms(self.people, convening)
            self.present = attribution.people_present(convening)
            self.country_terms = attribution._country_terms(self.present)
            self.pseudonyms = attribution.pseudonyms()
        self.registry = registry or protection.registry(audience=protection.Audience.PARTICIPANTS)

    def check(self, text: str, *, field_name: str, language: str) -> list[Match]:
        from . import attribution

        if not text:
            return []
        found: list[Match] = []
        if self.chatham_house:
            found += check_text(text, self.people, field_name=field_name, language=language)
        for hit in self.registry.find(text):
            found.append(
                Match(
                    field_name,
                    language,
                    hit.start,
                    hit.end,
                    hit.text,
                    Kind.PROTECTED,
                    hit.identity.participant_id,
                    hit.identity.label,
                    hit.identity.reason,
                )
            )
        for hit in self.romanised.find(text):
            found.append(
                Match(
                    field_name,
                    language,
                    hit.start,
                    hit.end,
                    hit.text,
                    Kind.NAME,
                    hit.identity.participant_id,
                    hit.identity.label,
                )
            )
        if self.chatham_house:
            haystack, origin = normalise_with_map(text)
            extra = attribution.speakers(text, haystack, origin, self.pseudonyms)
            extra += attribution.descriptions(haystack, self.present, self.country_terms)
            told = {(m.participant_id, m.start) for m in found if m.kind == Kind.POSITION_COUNTRY}
            for item in extra:
                if item.kind == "description" and any(
                    pid == item.participant_id for pid, _start in told
                ):
                    continue  # already said: position and country together
                start, end = origin[item.start], origin[item.end - 1] + 1
                kind = Kind.SPEAKER if item.kind == "speaker" else Kind.DESCRIPTION
                found.append(
                    Match(
                        field_name,
                        language,
                        start,
                        end,
                        text[start:end],
                        kind,
                        item.participant_id,
                        item.label,
                    )
                )
        return _dedupe(found)


def _dedupe(matches: list[Match]) -> list[Match]:
    seen, out = set(), []
    for m in sorted(matches, key=lambda m: (m.start, -m.end)):
        key = (m.field, m.language, m.start, m.end, m.participant_id)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def check_notes(notes, *, registry=None) -> list[Match]:
    """Every match in every translated field of these notes: under the Chatham House Rule,
    anything that attributes (names, pseudonyms as speakers, descriptions of one person
    present); always, anyone on the platform who may not be named to participants."""
    checker = Checker(notes.convening, chatham_house=must_check(notes), registry=registry)
    found: list[Match] = []
    for code, _name in settings.LANGUAGES:
        for name in NOTE_FIELDS:
            text = getattr(notes, localized(name, code), "") or ""
            found.extend(checker.check(text, field_name=name, language=code))
    return found


def protected_names_in(convening, texts: dict[str, str]) -> dict[str, list[str]]:
    """For each field whose text names anyone on the platform who may not be named to
    participants (hidden people, pseudonymous people's real names, erased people), in
    any form or script: whose names it gives away, for staff to see.

    For what every invitee reads whatever the convening's rule (agenda, site visits,
    actions). Organisations are checked only where they identify one person.
    """
    texts = {name: text for name, text in texts.items() if text}
    if not texts:
        return {}
    registry = protection.registry(audience=protection.Audience.PARTICIPANTS)
    found: dict[str, list[str]] = {}
    for name, text in texts.items():
        labels = {identity.label for identity in registry.names_in(text)}
        if labels:
            found[name] = sorted(labels)
    return found


def must_check(notes) -> bool:
    """Whether the Chatham House part of the check applies (protected people always do)."""
    return bool(notes.convening.chatham_house)


# --- Showing matches ------------------------------------------------------------------


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


def report(notes, matches: list[Match]) -> list[dict]:
    """Per field and language with text: the highlighted text and its matches, for templates."""
    rows = []
    for code, language_name in settings.LANGUAGES:
        for name in NOTE_FIELDS:
            text = getattr(notes, localized(name, code), "") or ""
            here = [m for m in matches if m.field == name and m.language == code]
            if not here:
                continue
            rows.append(
                {
                    "field": name,
                    "language": code,
                    "language_name": language_name,
                    "html": highlight(text, here),
                    "matches": here,
                }
            )
    return rows
