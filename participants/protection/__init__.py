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
  after a Thai title (คุณ, นาย, นาง…) and sounding exactly alike;
- names from other languages written in Thai by sound ("เดวิด มิลเลอร์" for David Miller):
  a phonetic skeleton of consonant classes read from the Thai letters against the Latin
  spelling's, with a small edit distance for longer names (`phonetic`, whose docstring
  says where it stops: short names such as "Nurul Huda" still need "name in other
  scripts");
- names spelt with gaps, invisible characters or full-width letters ("R.i.v.e.r",
  "Ri ver", "River\u200b"): format characters are dropped and full names and distinctive
  parts of 5 letters or more are also looked for letter by letter (`spelled_spans`);
- the pseudonym when used as a speaker: `speaker_forms`, used by the notes checker.

The package by topic: `vocabulary` (reasons, forms, audiences, titles), `normalising`,
`thai`, `phonetic`, `name_forms`, `identities` (who is protected, erased names as keyed hashes),
`finding` (the registry: finding and scrubbing), `flags` (what the re-check took down),
`display_names` (names that would pass for someone else), `small_numbers`.
The names below stay importable from `participants.protection`, as other apps use them.
"""

from __future__ import annotations

from .display_names import (
    NamesInUse,
    name_taken,
    names_in_use,
)
from .finding import (
    Hit,
    Registry,
    Term,
    _find,
    _title_before,
    protected_names_in,
    registry,
)
from .flags import (
    FLAG_REASONS,
    FlagRow,
    open_flags,
    withheld,
)
from .identities import (
    Identity,
    digest,
    erased_digests,
    identity_for,
    organisations_of_one,
)
from .name_forms import (
    _other_script_forms,
    _skeletons,
    name_forms,
    organisation_forms,
    other_script_names,
)
from .normalising import (
    _substring_script,
    common_words,
    is_thai,
    letters,
    name_key,
    normalise,
    normalise_with_map,
    spelled_spans,
)
from .small_numbers import (
    fewer_than,
    is_small,
    mark_small,
    small_number_threshold,
)
from .thai import (
    MIN_SOUND_LIKENESS,
    alike,
    skeleton,
    sounds,
    thai_windows,
)
from .vocabulary import (
    MAX_GRAM_WORDS,
    MIN_NAME_PART_LETTERS,
    MIN_SINGLE_NAME_LETTERS,
    MIN_SKELETON,
    MIN_TITLED_PART_LETTERS,
    MIN_TITLED_SKELETON,
    REASON_LABELS,
    THAI_TITLES,
    TITLES,
    Audience,
    Form,
    Reason,
    reason_label,
    reason_label_lazy,
)

# The underscored names are used by engagement's checker and attribution.
__all__ = [
    "FLAG_REASONS",
    "MAX_GRAM_WORDS",
    "MIN_NAME_PART_LETTERS",
    "MIN_SINGLE_NAME_LETTERS",
    "MIN_SKELETON",
    "MIN_SOUND_LIKENESS",
    "MIN_TITLED_PART_LETTERS",
    "MIN_TITLED_SKELETON",
    "REASON_LABELS",
    "THAI_TITLES",
    "TITLES",
    "Audience",
    "FlagRow",
    "Form",
    "Hit",
    "Identity",
    "NamesInUse",
    "Reason",
    "Registry",
    "Term",
    "_find",
    "_other_script_forms",
    "_skeletons",
    "_substring_script",
    "_title_before",
    "alike",
    "common_words",
    "digest",
    "erased_digests",
    "fewer_than",
    "identity_for",
    "is_small",
    "is_thai",
    "letters",
    "mark_small",
    "name_forms",
    "name_key",
    "name_taken",
    "names_in_use",
    "normalise",
    "normalise_with_map",
    "open_flags",
    "organisation_forms",
    "organisations_of_one",
    "other_script_names",
    "protected_names_in",
    "reason_label",
    "reason_label_lazy",
    "registry",
    "skeleton",
    "small_number_threshold",
    "sounds",
    "spelled_spans",
    "thai_windows",
    "withheld",
]
