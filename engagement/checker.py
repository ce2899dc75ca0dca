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
import unicodedata
from dataclasses import dataclass, field
from html import escape

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import build_localized_fieldname as localized

from convenings.models import Invitation

from .stopwords import COMMON_WORDS

NOTE_FIELDS = ("key_points", "next_steps")
MIN_SINGLE_NAME_LETTERS = 3
MIN_NAME_PART_LETTERS = 4
_SENTENCE_END = re.compile(r"[.!?;\n]+")


class Kind:
    NAME = "name"
    ORGANISATION = "organisation"
    POSITION_COUNTRY = "position_country"


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


@dataclass
class _Person:
    participant_id: int
    terms: list[Term] = field(default_factory=list)
    position: str = ""
    countries: list[str] = field(default_factory=list)
    label: str = ""


# --- Normalisation ---------------------------------------------------------------------


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _fold(char: str) -> str:
    if _is_thai(char):
        return char
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part):
            continue
        out.append(part.casefold())
    return "".join(out)


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
    return normalise_with_map(text)[0].strip()


def _letters(term: str) -> int:
    return sum(1 for c in term if c.isalpha())


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
            for span in _find(term.normalised, haystack):
                matches.append(_match(span, term.kind, term.participant_id, term.label))
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


def check_notes(notes) -> list[Match]:
    """Every match in every translated field of these notes, against the convening's invitees."""
    people = _people_for(notes.convening)
    found: list[Match] = []
    for code, _name in settings.LANGUAGES:
        for name in NOTE_FIELDS:
            text = getattr(notes, localized(name, code), "") or ""
            found.extend(check_text(text, people, field_name=name, language=code))
    return found


def protected_names_in(convening, texts: dict[str, str]) -> dict[str, list[str]]:
    """For each field whose text names a hidden or pseudonymous invitee (a pseudonym is
    fine): whose full names it gives away, for staff to see.

    For what every invitee reads whatever the convening's rule (agenda, site visits):
    there, naming the people who chose not to be named would undo their choice. Their
    organisations are not checked here: hosts and facilitators' organisations are named
    on an agenda as a matter of course.
    """
    texts = {name: text for name, text in texts.items() if text}
    if not texts:
        return {}
    people = _people_for(convening, only_protected=True)
    found: dict[str, list[str]] = {}
    for name, text in texts.items():
        haystack = normalise(text)
        labels = {
            person.label
            for person in people
            for term in person.terms
            if term.kind == Kind.NAME and _find(term.normalised, haystack)
        }
        if labels:
            found[name] = sorted(labels)
    return found


def must_check(notes) -> bool:
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
