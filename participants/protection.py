"""Identity protection: every protected identity on the platform, and every way to meet it.

One place knows who may not be named where, and in what forms a reader could meet them;
every free-text surface asks it (`registry(...)` then `.find(text)` or `.scrub(text)`):
notes (with the Chatham House checker on top), agenda sessions and site visits, follow-up
actions and updates, feedback comments, e-mails, reports, "my data" and upload names.

Who is protected (an `Identity`):
- hidden people: everything that names them, their display name included;
- pseudonymous people: their real name (their pseudonym is what others may read);
- erased people: the forms of their name as they were, kept only as keyed hashes
  (`ErasedName`), so text that still holds the name is found without storing it;
- for reports and "my data" (`Audience.REPORTS`), also everyone who has not agreed to
  be named in reports, pseudonyms included.

The forms of a name (Latin script, normalised like the checker: NFKD, accents dropped,
casefolded; Thai letters kept):
- the full name and each part of at least 4 letters that is not a common word;
- any part (2+ letters) after a title ("Mr Tan", "Dr Ana", "Khun Som", "Pak Budi");
- the given name with the initial of another part ("Nadia O.") and the reverse ("N. Orchidea");
- initials with dots ("N.O.", "N. O.");
- the organisation, where it identifies the person: nobody else in the directory belongs to
  it; and beside a found name ("X of <Organisation>", "X, <Organisation>") always;
- the names in other scripts (`Participant.other_names`), matched as written;
- Thai text against Latin names: Thai words are romanised with PyThaiNLP's rule-based
  "royin" engine (no download) and compared to the Latin name parts by a consonant
  skeleton ("สมชาย" -> "somchai" -> "smc" = "Somchai"), since Thai names have many Latin
  spellings ("Siriporn"/"Siriphon"); a two-consonant skeleton ("มาลี", Malee) only right
  after a Thai title (คุณ, นาย, นาง…) and sounding exactly alike. Names from other languages
  written in Thai ("ฟิลิปปา" for Philippa) are not recognised this way: record them in
  "name in other scripts";
- the pseudonym when used as a speaker: `speaker_forms`, used by the notes checker.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.db.models.functions import Cast
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .models import Participant, ProtectionFlag, Visibility

MIN_SINGLE_NAME_LETTERS = 3
MIN_NAME_PART_LETTERS = 4
MIN_TITLED_PART_LETTERS = 2
MIN_SKELETON = 3
# A short Thai name ("มาลี" for Malee: skeleton "ml") is a name only after a title ("คุณมาลี").
MIN_TITLED_SKELETON = 2
THAI_TITLES = ("คุณ", "นาย", "นางสาว", "นาง", "ดร.", "ดร", "อาจารย์", "ครู")
MAX_GRAM_WORDS = 4

# Titles people put before a name in notes, in the platform's four languages (normalised).
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "madam",
        "madame",
        "mister",
        "hon",
        "honourable",
        "khun",
        "nai",
        "nang",
        "nangsao",
        "ajarn",
        "ajahn",
        "achan",
        "kru",
        "phra",
        "pak",
        "bapak",
        "bu",
        "ibu",
        "saudara",
        "saudari",
        "sdr",
        "sdri",
        "encik",
        "en",
        "cik",
        "puan",
        "tuan",
        "datuk",
        "dato",
        "datin",
        "haji",
        "hajah",
        "hj",
        "yb",
    ]
)
# Words joining a name to an organisation: "X of the Y", "X from Y", "X (Y)".
_ORG_JOINERS = r"(?:,|\(|-|\u2013|of|from|at|with|dari|daripada|di|จาก|ของ)"


class Reason:
    HIDDEN = "hidden"
    PSEUDONYMOUS = "pseudonymous"
    NO_REPORT_CONSENT = "no_report_consent"
    ERASED = "erased"
    OTHER = "other"


REASON_LABELS = {
    Reason.HIDDEN: _("a hidden person"),
    Reason.PSEUDONYMOUS: _("the real name of a pseudonymous person"),
    Reason.NO_REPORT_CONSENT: _("a person who has not agreed to be named"),
    Reason.ERASED: _("a person whose data was erased"),
    Reason.OTHER: _("another person"),
}


class Form:
    NAME = "name"
    NAME_PART = "name_part"
    TITLED = "titled"
    INITIAL = "initial"
    INITIALS = "initials"
    ORGANISATION = "organisation"
    OTHER_SCRIPT = "other_script"
    ROMANISED = "romanised"
    KEEP = "keep"


class Audience:
    PARTICIPANTS = "participants"  # what any participant may read
    REPORTS = "reports"  # reports: only consenting named people may be named
    EVERYONE = "everyone"  # a person's own data: nobody else is named at all


# --- Normalisation -------------------------------------------------------------------------


def is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _fold(char: str) -> str:
    if is_thai(char):
        return char
    return "".join(
        part.casefold()
        for part in unicodedata.normalize("NFKD", char)
        if not unicodedata.combining(part)
    )


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
    return normalise_with_map(text or "")[0].strip()


def letters(term: str) -> int:
    return sum(1 for c in term if c.isalpha())


def _substring_script(term: str) -> bool:
    """Scripts written without spaces between words (Thai, CJK…) match anywhere."""
    return any(c.isalpha() and ord(c) > 0x24F for c in term)


def common_words() -> frozenset[str]:
    from engagement.stopwords import COMMON_WORDS

    return frozenset(COMMON_WORDS)


_WORD = re.compile(r"[^\W_]+")


def name_key(name: str) -> str:
    """Case- and accent-insensitive key of a name, to compare display names."""
    return " ".join(_WORD.findall(normalise(name)))


# --- Thai ------------------------------------------------------------------------------


def skeleton(latin: str) -> str:
    """A consonant skeleton that Latin spellings of one Thai name share.

    Lower-case letters only; 'h' dropped (ph/th/kh/ch), vowels after the first letter
    dropped, 'r' before 'n' or at the end dropped (Thai final ร sounds as n), doubled
    letters made one: "Siriporn", "Siriphon" -> "srpn"; "Wongsawat", "wongswat" -> "wngswt".
    """
    # j and ch are one Thai letter (จ), spelt either way in Latin names.
    word = re.sub(r"[^a-z]", "", _fold_ascii(latin)).replace("h", "").replace("j", "c")
    if not word:
        return ""
    # A 'w' that is part of a vowel ("Kaewmanee", royin "kaeomani") goes with the vowels.
    word = word[0] + re.sub(r"w(?![aeiouy])|[aeiouy]", "", word[1:])
    word = re.sub(r"r(?=n|$)", "", word)
    return re.sub(r"(.)\1+", r"\1", word)


def sounds(latin: str) -> str:
    """A looser spelling that keeps vowels: 'h' dropped, j as c, ee as i, oo as u, a final
    or pre-n 'r' dropped, doubled letters made one ("Kaewmanee" -> "kaewmani")."""
    word = re.sub(r"[^a-z]", "", _fold_ascii(latin)).replace("h", "").replace("j", "c")
    word = word.replace("ee", "i").replace("oo", "u")
    word = re.sub(r"r(?=n|$)", "", word)
    return re.sub(r"(.)\1+", r"\1", word)


# Two spellings of one Thai name agree on their consonants (`skeleton`) and are this alike
# letter by letter (`sounds`): "ความเห็น" (khwamhen) shares the skeleton of "Kaewmanee"
# but is a common word, not the name.
MIN_SOUND_LIKENESS = 0.75


def alike(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() >= MIN_SOUND_LIKENESS


def _fold_ascii(text: str) -> str:
    return "".join(_fold(c) for c in text if not is_thai(c))


@functools.lru_cache(maxsize=20000)
def _romanise(thai: str) -> str:
    from pythainlp.transliterate import romanize

    try:
        return romanize(thai, engine="royin")
    except Exception:
        return ""


@functools.lru_cache(maxsize=20000)
def _spellings(chunk: str) -> tuple[str, str]:
    roman = _romanise(chunk)
    return skeleton(roman), sounds(roman)


@functools.lru_cache(maxsize=2000)
def _thai_words(run: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(w for w in word_tokenize(run, engine="newmm", keep_whitespace=False) if w.strip())


_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")


@functools.lru_cache(maxsize=1)
def _thai_dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _is_thai_word(chunk: str) -> bool:
    return chunk in _thai_dictionary()


@functools.lru_cache(maxsize=512)
def thai_windows(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, skeleton, sounds) of the romanisation of every run of 1-3 Thai words.

    Kept per text: every registry that reads the same text asks for the same windows."""
    return tuple(_thai_windows(text))


def _thai_windows(text: str) -> Iterable[tuple[int, int, str, str]]:
    for run in _THAI_RUN.finditer(text):
        words = _thai_words(run.group(0))
        offsets, cursor = [], run.start()
        for word in words:
            start = text.find(word, cursor)
            offsets.append((start, start + len(word)))
            cursor = start + len(word)
        for i in range(len(words)):
            for n in range(1, 4):
                if i + n > len(words):
                    break
                chunk = "".join(words[i : i + n])
                key, heard = _spellings(chunk)
                if len(key) >= MIN_TITLED_SKELETON:
                    yield offsets[i][0], offsets[i + n - 1][1], key, heard


def _thai_title_before(haystack: str, start: int) -> bool:
    return haystack[:start].rstrip().endswith(THAI_TITLES)


# --- Identities ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    normalised: str
    form: str
    identity: Identity


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

    def description(self) -> str:
        from .selectors import describe_anonymously

        return describe_anonymously(sector=self.sector, country=self.country)


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
    identity.terms += _other_script_forms(person.other_names)
    if organisation_identifies and identity.organisation:
        identity.terms += organisation_forms(identity.organisation)
    return identity


# --- Erased people: forms kept as keyed hashes ----------------------------------------------


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
    for term, _form in _other_script_forms(other_names):
        out.add(digest(term))
    return out


# --- The registry ---------------------------------------------------------------------------


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
        for identity in identities:
            for normalised, form in identity.terms:
                self._add(Term(normalised, form, identity))
            for key, spelt in identity.skeletons.items():
                self._skeletons[key].append((identity, spelt))
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
        candidates: list[tuple[int, int, str, Identity]] = []
        words = set(_WORD.findall(haystack))
        for word in words:
            for term in self._anchored.get(word, ()):
                for start, end in _find(term.normalised, haystack):
                    if term.form == Form.TITLED:
                        start = _title_before(haystack, start)
                        if start is None:
                            continue
                    if term.form == Form.INITIAL and haystack[end : end + 1] == ".":
                        end += 1  # "Hemi C." with its dot
                    candidates.append((start, end, term.form, term.identity))
        for term in self._substring:
            for start, end in _find(term.normalised, haystack):
                candidates.append((start, end, term.form, term.identity))
        if self._skeletons and _THAI_RUN.search(haystack):
            for start, end, key, heard in thai_windows(haystack):
                short = len(key) < MIN_SKELETON
                if short and not _thai_title_before(haystack, start):
                    continue
                for identity, spelt in self._skeletons.get(key, ()):
                    # An everyday Thai word ("ของ") or a short name must sound exactly alike.
                    word = short or _is_thai_word(haystack[start:end])
                    if any(heard == s if word else alike(heard, s) for s in spelt):
                        candidates.append((start, end, Form.ROMANISED, identity))
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

    def _find_erased(self, haystack: str) -> list[tuple[int, int, str, Identity]]:
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
    from .models import ErasedName

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


def registry(*, audience: str = Audience.PARTICIPANTS, exclude: Iterable[int] = ()) -> Registry:
    """Every protected identity for this audience (see the module docstring), in two or
    three queries. `exclude`: people not to protect from this reader (themselves)."""
    from accounts.selectors import ERASED_EMAIL_DOMAIN

    exclude = set(exclude)
    common = common_words()
    single = organisations_of_one()
    people = Participant.objects.select_related("country", "organisation").exclude(
        email__endswith="@" + ERASED_EMAIL_DOMAIN
    )
    identities, keep = [], []
    for person in people.order_by("pk"):
        if person.pk in exclude:
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


def reason_label(reason: str) -> str:
    return str(REASON_LABELS.get(reason, ""))


reason_label_lazy = lazy(reason_label, str)


def withheld(label: str) -> models.QuerySet:
    """Ids (a subquery) of objects of this model kept from participants by an open flag
    (see participants.protection_services.recheck)."""
    return (
        ProtectionFlag.objects.filter(object_type=label, resolved_at=None)
        .annotate(pk_value=Cast("object_id", models.BigIntegerField()))
        .values("pk_value")
    )


@dataclass(frozen=True)
class FlagRow:
    flag: ProtectionFlag
    kind: str  # the object's kind, translated
    reason: str  # in the reader's language
    field: str  # the field's label, translated ("Key points", "Facilitators")
    person: str  # whom it identifies (staff see names)
    url: str  # where staff fix it, or ""


FLAG_REASONS = {
    **REASON_LABELS,
    "protected": _("names someone who may not be named to participants"),
    "speaker": _("attributes a remark to someone by their pseudonym"),
    "description": _("describes exactly one person present"),
    "organisation": _("names the organisation of someone present"),
    "position_country": _("gives the position and country of someone present"),
    "name": _("names someone present"),
}


def _flag_url(flag: ProtectionFlag, objects: dict) -> str:
    from django.urls import reverse

    obj = objects.get((flag.object_type, flag.object_id))
    if obj is None:
        return ""
    if flag.object_type == "engagement.meetingnote":
        return reverse("engagement:staff-note-edit", args=[obj.convening_id, obj.pk])
    if flag.object_type in ("engagement.followupaction",):
        return reverse("engagement:staff-action", args=[obj.convening_id, obj.pk])
    if flag.object_type == "engagement.actionupdate":
        return reverse("engagement:staff-actions", args=[obj.action.convening_id])
    if flag.object_type == "convenings.agendasession":
        return reverse("convenings:staff-agenda", args=[obj.convening_id])
    if flag.object_type == "convenings.sitevisit":
        return reverse("convenings:staff-site-visits", args=[obj.convening_id])
    return ""


def _field_label(model, name: str) -> str:
    from django.core.exceptions import FieldDoesNotExist

    if model is None:
        return name
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
    return label[:1].upper() + label[1:]


def open_flags() -> list[FlagRow]:
    """Open flags, newest first, with the object's kind, the reason and a link to fix it."""
    from django.apps import apps

    flags = list(
        ProtectionFlag.objects.filter(resolved_at=None).select_related("participant")[:500]
    )
    objects: dict = {}
    by_type: dict[str, set[str]] = defaultdict(set)
    for flag in flags:
        by_type[flag.object_type].add(flag.object_id)
    for label, ids in by_type.items():
        model = apps.get_model(label)
        query = model._default_manager.filter(pk__in=[int(i) for i in ids])
        if label == "engagement.actionupdate":
            query = query.select_related("action")
        for obj in query:
            objects[(label, str(obj.pk))] = obj
    rows = []
    for flag in flags:
        try:
            model = apps.get_model(flag.object_type)
        except LookupError:
            model = None
        kind = str(model._meta.verbose_name).capitalize() if model else flag.object_type
        rows.append(
            FlagRow(
                flag=flag,
                kind=kind,
                field=_field_label(model, flag.field),
                reason=str(FLAG_REASONS.get(flag.reason, flag.reason)),
                person=flag.participant.full_name if flag.participant else "",
                url=_flag_url(flag, objects),
            )
        )
    return rows


def names_in_use(*, exclude: int | None = None) -> tuple[set[str], set[str]]:
    """(keys of real names, keys of chosen names) of everyone else on the platform, case-
    and accent-insensitive (`name_key`). A chosen name is a display name that is not the
    person's own real name: a pseudonym, or a hidden person's display name."""
    real, chosen = set(), set()
    rows = Participant.objects.values_list("pk", "full_name", "display_name")
    for pk, full_name, display_name in rows:
        if pk == exclude:
            continue
        full_key, display_key = name_key(full_name), name_key(display_name)
        real.add(full_key)
        if display_key and display_key != full_key:
            chosen.add(display_key)
    return real, chosen


def name_taken(*, display_name: str, full_name: str, in_use: tuple[set[str], set[str]]) -> bool:
    """Whether this display name is someone else's real name or chosen name.

    A person shown under their own real name may share it with a namesake (two people
    called "Ahmad Ibrahim" exist), but not with someone's pseudonym; a chosen name may
    be nobody else's name of either kind."""
    real, chosen = in_use
    key = name_key(display_name)
    if not key:
        return False
    if key == name_key(full_name):
        return key in chosen
    return key in real or key in chosen


def small_number_threshold() -> int:
    """Figures about fewer people than this are not shown (setting SMALL_NUMBER_THRESHOLD)."""
    return int(getattr(settings, "SMALL_NUMBER_THRESHOLD", 3))


def is_small(count: int) -> bool:
    """A count of people small enough to point at them: 1 or 2 by default. Zero is not."""
    return 0 < count < small_number_threshold()


def fewer_than() -> str:
    """What a suppressed figure shows, in the active language: "fewer than 3"."""
    return str(_("fewer than %(n)s")) % {"n": small_number_threshold()}


def mark_small(rows) -> None:
    """Mark rows of people counts (objects with `value` and `suppressed`) that are small."""
    for row in rows:
        row.suppressed = is_small(row.value)
