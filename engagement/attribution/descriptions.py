"""Descriptions that fit one person present: the people present, the attributes a sentence
mentions (countries, sectors, positions, organisations) and who fits them all (see the
package's docstring for the rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings

from common.translation import localized
from convenings.models import Convening, Invitation, InvitationStatus
from participants import protection
from participants.models import Country

from ..sentences import sentences
from .found import Found
from .words import DEMONYMS, POSITION_STOP, ROLE_WORDS, SECTOR_WORDS


@dataclass
class Present:
    participant_id: int
    label: str
    country_code: str = ""
    sector: str = ""
    position_words: set[str] = field(default_factory=set)
    organisation: str = ""


def _sector_terms() -> dict[str, str]:
    terms: dict[str, str] = {}
    for sector, words in SECTOR_WORDS.items():
        text = protection.normalise(words)
        # Two-word terms first so "civil society" is one mention.
        for pair in (
            "civil society",
            "civil servant",
            "lived experience",
            "former detainee",
            "international organisation",
            "international organization",
            "masyarakat sipil",
            "masyarakat sivil",
        ):
            if pair in text:
                terms[pair] = sector
        for word in text.split():
            terms.setdefault(word, sector)
    return terms


def people_present(convening: Convening) -> list[Present]:
    rows = (
        Invitation.objects.filter(convening=convening)
        .exclude(status=InvitationStatus.DECLINED)
        .select_related("participant", "participant__country", "participant__organisation")
    )
    out = []
    for invitation in rows:
        person = invitation.participant
        out.append(
            Present(
                participant_id=person.pk,
                label=person.full_name,
                country_code=person.country.code if person.country_id else "",
                sector=person.sector,
                position_words={
                    w
                    for w in protection.normalise(person.position or "").split()
                    if w not in POSITION_STOP and protection.letters(w) >= 2
                },
                organisation=(
                    protection.normalise(person.organisation.name) if person.organisation_id else ""
                ),
            )
        )
    return out


def country_terms(present: list[Present]) -> dict[str, str]:
    codes = {p.country_code for p in present if p.country_code}
    terms: dict[str, str] = {}
    languages = [code for code, _name in settings.LANGUAGES]
    for country in Country.objects.filter(code__in=codes):
        names = {
            country.name,
            *(getattr(country, localized("name", c), "") or "" for c in languages),
        }
        for name in names:
            if name:
                terms[protection.normalise(name)] = country.code
        for word in DEMONYMS.get(country.code, "").split():
            terms[protection.normalise(word)] = country.code
        for phrase in ("new zealander", "new zealanders"):
            if country.code == "NZ":
                terms[phrase] = "NZ"
    return terms


def descriptions(
    haystack: str, present: list[Present], country_terms: dict[str, str]
) -> list[Found]:
    """Passages of one sentence that describe exactly one person present (see module)."""
    if len(present) < 1:
        return []
    sector_terms = _sector_terms()
    found: list[Found] = []
    for s_start, s_end in sentences(haystack):
        sentence = haystack[s_start:s_end]
        if not sentence.strip():
            continue
        spans: list[tuple[int, int]] = []
        countries: set[str] = set()
        for term, code in country_terms.items():
            for a, b in protection._find(term, sentence):
                countries.add(code)
                spans.append((a, b))
        sectors: set[str] = set()
        for term, sector in sector_terms.items():
            for a, b in protection._find(term, sentence):
                sectors.add(sector)
                spans.append((a, b))
        words = set(re.findall(r"[^\W_]+", sentence))
        by_position = {
            p.participant_id
            for p in present
            if p.position_words
            and (p.position_words & words & ROLE_WORDS)
            and (
                len(p.position_words & words) >= 2
                or (len(p.position_words) == 1 and p.position_words <= words)
            )
        }
        position_spans = [
            span
            for p in present
            if p.participant_id in by_position
            for w in p.position_words
            for span in protection._find(w, sentence)
        ]
        organisations = {
            p.organisation
            for p in present
            if p.organisation and protection._find(p.organisation, sentence)
        }
        if not (sectors or by_position or organisations):
            continue  # no person in this sentence, only places or topics
        candidates = [
            p
            for p in present
            if (not countries or p.country_code in countries)
            and (not sectors or p.sector in sectors)
            and (not by_position or p.participant_id in by_position)
            and (not organisations or p.organisation in organisations)
        ]
        if len(candidates) != 1:
            continue
        # A description is made of at least two attributes, or a position alone.
        attributes = sum(map(bool, (countries, sectors, by_position, organisations)))
        if attributes < 2 and not by_position:
            continue
        person = candidates[0]
        for a, b in _merge(spans + position_spans, sentence):
            found.append(
                Found(s_start + a, s_start + b, person.participant_id, person.label, "description")
            )
    return found


def _merge(spans: list[tuple[int, int]], sentence: str) -> list[tuple[int, int]]:
    """Spans joined when only spaces or small words lie between ("case management lead")."""
    merged: list[list[int]] = []
    for a, b in sorted(set(spans)):
        if merged:
            gap = sentence[merged[-1][1] : a].split()
            if a <= merged[-1][1] or all(w in POSITION_STOP for w in gap):
                merged[-1][1] = max(merged[-1][1], b)
                continue
        merged.append([a, b])
    return [(a, b) for a, b in merged]
