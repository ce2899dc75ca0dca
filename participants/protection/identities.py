"""Who is protected: an `Identity` with the forms of their name, and erased people's forms
kept only as keyed hashes."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count

from ..models import ErasedName, Participant
from ..selectors import describe_anonymously
from . import phonetic
from .name_forms import _other_script_forms, _skeletons, name_forms, organisation_forms
from .normalising import _WORD, common_words
from .vocabulary import Form, Reason


@dataclass(eq=False)
class Identity:
    participant_id: int
    reason: str
    label: str  # what staff see
    sector: str = ""
    country: object = None
    organisation: str = ""
    terms: list[tuple[str, str]] = field(default_factory=list)  # (normalised, form)
    skeletons: dict[str, set[str]] = field(default_factory=dict)  # skeleton -> sounds
    # (phonetic skeleton, edits allowed, whole name?): the name as Thai writes it by sound.
    phonetics: set[tuple[str, int, bool]] = field(default_factory=set)

    def description(self) -> str:
        return describe_anonymously(sector=self.sector, country=self.country)


def identity_for(
    person: Participant,
    *,
    reason: str,
    names: list[str],
    organisation_identifies: bool,
    common: frozenset[str],
) -> Identity:
    identity = Identity(
        participant_id=person.pk,
        reason=reason,
        label=person.full_name,
        sector=person.sector,
        country=person.country,
        organisation=person.organisation.name if person.organisation_id else "",
    )
    seen: set[tuple[str, str]] = set()
    for name in names:
        for term in name_forms(name, common=common):
            if term not in seen:
                seen.add(term)
                identity.terms.append(term)
        for key, spelt in _skeletons(name).items():
            identity.skeletons.setdefault(key, set()).update(spelt)
        identity.phonetics |= _phonetics(name)
    identity.terms += _other_script_forms(person.other_names)
    if organisation_identifies and identity.organisation:
        identity.terms += organisation_forms(identity.organisation)
    return identity


def _phonetics(name: str) -> set[tuple[str, int, bool]]:
    """The name's phonetic skeletons with the edits allowed (see `phonetic`)."""
    out = {(key, phonetic.tolerance(len(key)), True) for key in phonetic.whole_skeletons(name)}
    for key in phonetic.part_skeletons(name):
        edits = 0 if len(key) <= phonetic.MIN_PART_CLASSES else phonetic.tolerance(len(key))
        out.add((key, edits, False))
    return out


def digest(term: str) -> str:
    key = ("erased-name:" + settings.SECRET_KEY).encode()
    return hmac.new(key, term.encode(), hashlib.sha256).hexdigest()


def erased_digests(*, full_name: str, display_name: str, other_names: str) -> set[str]:
    """Keyed hashes of the forms by which text can still name an erased person."""
    common = common_words()
    out = set()
    for name in (full_name, display_name):
        for term, form in name_forms(name, common=common):
            if form in (Form.NAME, Form.NAME_PART, Form.INITIAL):
                out.add(digest(" ".join(_WORD.findall(term))))
            elif form == Form.TITLED:
                out.add(digest("~" + term))
        out |= {digest("#" + spelt) for group in _skeletons(name).values() for spelt in group}
        # Thai script by sound, matched exactly (a hash has no near neighbours).
        out |= {digest(("%" if whole else "%1") + key) for key, _e, whole in _phonetics(name)}
    for term, _form in _other_script_forms(other_names):
        out.add(digest(term))
    return out


def organisations_of_one() -> set[int]:
    """Organisations with exactly one person in the directory: naming them names the person."""
    return set(
        Participant.objects.exclude(organisation=None)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .filter(n=1)
        .values_list("organisation_id", flat=True)
    )


def _erased_lookup() -> dict[str, Identity]:
    lookup: dict[str, Identity] = {}
    rows = ErasedName.objects.select_related("participant", "participant__country")
    for row in rows:
        person = row.participant
        identity = Identity(
            participant_id=person.pk,
            reason=Reason.ERASED,
            label=person.full_name,
            sector=person.sector,
            country=person.country,
        )
        lookup[row.digest] = identity
    # One Identity per person (hits group by person).
    by_person: dict[int, Identity] = {}
    return {k: by_person.setdefault(v.participant_id, v) for k, v in lookup.items()}
