"""Attribution without a name: pseudonyms used as speakers, descriptions that fit one person.

Under the Chatham House Rule no speaker is attributed, whether by name (the checker's
terms), by pseudonym, or by a description that fits exactly one person present.

A pseudonym as a speaker: a pseudonym (of anyone on the platform), capitalised and not
part of a place ("the River", "Mekong River"), with a verb of speaking after it in the same
sentence in any of the four languages ("River shared…", "River, who…, said…", "Kestrel
menjelaskan…"), a source word before it ("according to River", "menurut River", "kata
River") or a possessive or colon after it ("River's words", "River: …"). A pseudonym that
is not an everyday word is already a name to the checker; this catches the ones that are
("River", "Hope"). A Latin pseudonym spelt in Thai script ("ริเวอร์") is not recognised.

A description that fits one person, decided sentence by sentence:
- the people present are the convening's invitees who have not declined;
- a sentence describes a person when it has a person word: words of someone's position
  (two of them, or the only one), a sector word for people ("official", "academic",
  "pegawai", "นักวิชาการ"…) or an organisation's name;
- the attributes it mentions are read off: countries (names in every language and the
  demonyms in `DEMONYMS`), sectors, positions (a person matches when two words of their
  position, or its only word, are in the sentence, one of them a role word such as
  "lead" or "officer": "case management worked" is a topic), organisations;
- the people present who fit every mentioned attribute are counted; exactly one is a
  match ("The Malaysian case management lead explained…" with one Malaysian whose
  position is "Case Management Lead"); two or more is a description of a group.
Where it stops: one sentence at a time (no reasoning across sentences), only the recorded
attributes (not gender, age, appearance, history or what someone said before), positions
as stored (English) by whole words, sector words and demonyms from the lists below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname as localized

from participants import protection
from participants.models import Sector, Visibility

SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "shared",
        "shares",
        "explained",
        "explains",
        "noted",
        "told",
        "tells",
        "argued",
        "argues",
        "described",
        "describes",
        "presented",
        "presents",
        "suggested",
        "suggests",
        "asked",
        "asks",
        "added",
        "adds",
        "stressed",
        "emphasised",
        "emphasized",
        "mentioned",
        "recalled",
        "reported",
        "proposed",
        "highlighted",
        "raised",
        "spoke",
        "speaks",
        "commented",
        "observed",
        "warned",
        "insisted",
        "acknowledged",
        "admitted",
        "recounted",
        "reflected",
        "questioned",
        "replied",
        "responded",
        "urged",
        "remarked",
        "pointed",
        "put",
        "berkata",
        "mengatakan",
        "menjelaskan",
        "menerangkan",
        "berbagi",
        "berkongsi",
        "menyampaikan",
        "bercerita",
        "menyatakan",
        "mencadangkan",
        "mengusulkan",
        "menekankan",
        "menyebut",
        "menyebutkan",
        "bertanya",
        "menegaskan",
        "menceritakan",
        "memaparkan",
        "mengongsikan",
        "berkata-kata",
    ]
)
THAI_SPEECH_VERBS = (
    "กล่าว",
    "เล่า",
    "อธิบาย",
    "แบ่งปัน",
    "บอก",
    "เสนอ",
    "ชี้แจง",
    "ถาม",
    "ระบุ",
    "เน้น",
    "ตอบ",
)

# Words that make a sentence about a person of that sector (normalised, any language).
SECTOR_WORDS = {
    Sector.GOVERNMENT: (
        "official officer government civil servant ministry minister pegawai pejabat "
        "pemerintah kerajaan kementerian รัฐบาล เจ้าหน้าที่ ข้าราชการ"
    ),
    Sector.CIVIL_SOCIETY: (
        "civil society ngo advocate activist lsm aktivis masyarakat sipil sivil "
        "ภาคประชาสังคม เอ็นจีโอ นักเคลื่อนไหว"
    ),
    Sector.ACADEMIA: (
        "academic researcher professor lecturer scholar akademisi akademik peneliti "
        "penyelidik pensyarah dosen นักวิชาการ อาจารย์ นักวิจัย"
    ),
    Sector.INTERNATIONAL: (
        "unicef unhcr iom un agency international organisation organization องค์การระหว่างประเทศ"
    ),
    Sector.LIVED_EXPERIENCE: (
        "lived experience former detainee survivor pengalaman ผู้มีประสบการณ์ อดีตผู้ถูกกักตัว"
    ),
}
# Adjectives of nationality by ISO code, in the four languages (normalised).
DEMONYMS = {
    "AU": "australian australians aussie ชาวออสเตรเลีย",
    "ID": "indonesian indonesians ชาวอินโดนีเซีย",
    "MY": "malaysian malaysians ชาวมาเลเซีย",
    "NZ": "kiwi new zealander new zealanders ชาวนิวซีแลนด์",
    "TH": "thai thais ชาวไทย คนไทย",
    "PH": "filipino filipina filipinos",
    "MX": "mexican mexicans mexicano mexicana",
}
# Words that make a position a person ("lead", "officer"): a position matches a sentence only
# with one of them, so "case management worked" is a topic, not the Case Management Lead.
ROLE_WORDS = frozenset(
    [
        "lead",
        "leader",
        "head",
        "director",
        "officer",
        "manager",
        "coordinator",
        "adviser",
        "advisor",
        "specialist",
        "analyst",
        "minister",
        "secretary",
        "chief",
        "deputy",
        "commissioner",
        "researcher",
        "lecturer",
        "professor",
        "founder",
        "chair",
        "president",
        "counsel",
        "lawyer",
        "worker",
        "official",
        "representative",
        "consultant",
        "assistant",
        "executive",
        "administrator",
        "inspector",
        "superintendent",
        "commander",
        "judge",
        "magistrate",
        "ambassador",
        "attache",
        "fellow",
        "scholar",
        "advocate",
        "organiser",
        "organizer",
        "facilitator",
        "trainer",
        "mentor",
        "pengarah",
        "ketua",
        "kepala",
        "pegawai",
        "penasihat",
        "menteri",
        "setiausaha",
        "sekretaris",
        "pengurus",
        "direktur",
        "ผู้อำนวยการ",
        "หัวหน้า",
        "เจ้าหน้าที่",
        "ที่ปรึกษา",
        "รัฐมนตรี",
        "เลขาธิการ",
        "ผู้จัดการ",
    ]
)
_POSITION_STOP = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "a",
        "an",
        "to",
        "in",
        "on",
        "at",
        "dan",
        "untuk",
        "bagi",
        "yang",
        "di",
        "ke",
        "dari",
    ]
)
_SENTENCE_END = re.compile(r"[.!?;\n]+")


@dataclass
class Present:
    participant_id: int
    label: str
    country_code: str = ""
    sector: str = ""
    position_words: set[str] = field(default_factory=set)
    organisation: str = ""


def _split(words: str) -> list[str]:
    return [protection.normalise(w) for w in words.split() if w]


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


def people_present(convening) -> list[Present]:
    from convenings.models import Invitation, InvitationStatus

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
                    if w not in _POSITION_STOP and protection.letters(w) >= 2
                },
                organisation=(
                    protection.normalise(person.organisation.name) if person.organisation_id else ""
                ),
            )
        )
    return out


def _country_terms(present: list[Present]) -> dict[str, str]:
    from participants.models import Country

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


def _spans(term: str, haystack: str) -> list[tuple[int, int]]:
    return protection._find(term, haystack)


@dataclass(frozen=True)
class Found:
    start: int  # offsets into the normalised text
    end: int
    participant_id: int
    label: str
    kind: str  # "speaker" or "description"


def sentences(haystack: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for found in _SENTENCE_END.finditer(haystack):
        bounds.append((start, found.end()))
        start = found.end()
    bounds.append((start, len(haystack)))
    return bounds


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
            for a, b in _spans(term, sentence):
                countries.add(code)
                spans.append((a, b))
        sectors: set[str] = set()
        for term, sector in sector_terms.items():
            for a, b in _spans(term, sentence):
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
            for span in _spans(w, sentence)
        ]
        organisations = {
            p.organisation for p in present if p.organisation and _spans(p.organisation, sentence)
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
            if a <= merged[-1][1] or all(w in _POSITION_STOP for w in gap):
                merged[-1][1] = max(merged[-1][1], b)
                continue
        merged.append([a, b])
    return [(a, b) for a, b in merged]


def pseudonyms() -> list[tuple[str, int, str]]:
    """(normalised pseudonym, participant id, label) for everyone pseudonymous or hidden."""
    from participants.models import Participant

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
        for start, end in _spans(name, haystack):
            if not protection._substring_script(name):
                first = text[origin[start]]
                if not first.isupper():
                    continue  # "the river shared its banks" is not River speaking
                if _part_of_a_place(text, haystack, origin, start, bounds):
                    continue  # "the River", "Mekong River": a place
            sentence_end = next((b for a, b in bounds if a <= start < b), len(haystack))
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
