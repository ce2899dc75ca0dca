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
  a common word (see `participants.protection.stopwords.COMMON_WORDS`), so a pseudonym like "Hope" does not
  stop every note that uses the word "hope".
- Parts of multi-word names: each part with at least 4 letters that is not a common
  word or title ("Siriporn Wongsawat" → "siriporn", "wongsawat"; "Dr Ana de la Cruz"
  → nothing on its own but the whole name). A surname alone can identify someone.
- Organisations: the whole name, by the same rules as a name.
- Position and country: the person's position and any translation of their country's
  name in the same sentence ("the deputy director-general from Thailand"). Positions
  are stored in English, so this is checked against the words as stored.
"""

from .display import FieldMatches, highlight, report
from .matching import (
    Checker,
    Match,
    check_notes,
    check_text,
    must_check,
)
from .terms import NOTE_FIELDS, Kind, Term, normalise, normalise_with_map

# Importable from `engagement.checker` as before the split into modules (terms, matching,
# display).
__all__ = [
    "NOTE_FIELDS",
    "Checker",
    "FieldMatches",
    "Kind",
    "Match",
    "Term",
    "check_notes",
    "check_text",
    "highlight",
    "must_check",
    "normalise",
    "normalise_with_map",
    "report",
]
