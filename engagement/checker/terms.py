"""What the checker looks for: each invitee's names, organisation, position and country,
normalised (see the package's docstring for the rules)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from common.translation import localized
from convenings.models import Convening, Invitation
from participants import protection
from participants.models import Participant, Visibility
from participants.protection.stopwords import COMMON_WORDS

NOTE_FIELDS = ("key_points", "next_steps")
MIN_SINGLE_NAME_LETTERS = 3
MIN_NAME_PART_LETTERS = 4


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


def _people_for(convening: Convening, *, only_protected: bool = False) -> list[_Person]:
    """Every invitee's terms; with `only_protected`, only the hidden and pseudonymous ones,
    and for a pseudonymous person not their pseudonym, which is what others may read."""
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


def _extra_name_forms(people: list[_Person], convening: Convening) -> None:
    """Titles, initials and names in other scripts of the invitees (see participants.protection)."""
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
