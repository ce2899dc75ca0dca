"""Matching notes against the terms: names, organisations, position and country together,
protected people, pseudonyms as speakers and descriptions of one person present."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from common.translation import localized
from convenings.models import Convening
from participants import protection

from .. import attribution
from ..sentences import sentences
from .terms import NOTE_FIELDS, Kind, Term, _extra_name_forms, _has_thai, _people_for, _Person


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


def check_text(text: str, people: list[_Person], *, field_name: str, language: str) -> list[Match]:
    if not text:
        return []
    haystack, origin = protection.normalise_with_map(text)
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
            for s_start, s_end in sentences(haystack):
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

    def __init__(self, convening: Convening, *, chatham_house: bool = True, registry=None):
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
            self.country_terms = attribution.country_terms(self.present)
            self.pseudonyms = attribution.pseudonyms()
        self.registry = registry or protection.registry(audience=protection.Audience.PARTICIPANTS)

    def check(self, text: str, *, field_name: str, language: str) -> list[Match]:
        if not text:
            return []
        found: list[Match] = []
        if self.chatham_house:
            found += check_text(text, self.people, field_name=field_name, language=language)

        def _from(hit, kind: str, why: str = "") -> Match:
            """A match of the protection service's (`Registry.find`) as the checker's."""
            return Match(
                field_name,
                language,
                hit.start,
                hit.end,
                hit.text,
                kind,
                hit.identity.participant_id,
                hit.identity.label,
                why,
            )

        found += [
            _from(hit, Kind.PROTECTED, hit.identity.reason) for hit in self.registry.find(text)
        ]
        # Invitees recorded in Latin script, named in Thai: their reason is no protection.
        found += [_from(hit, Kind.NAME) for hit in self.romanised.find(text)]
        if self.chatham_house:
            haystack, origin = protection.normalise_with_map(text)
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


def must_check(notes) -> bool:
    """Whether the Chatham House part of the check applies (protected people always do)."""
    return bool(notes.convening.chatham_house)
