"""Likely duplicates in an import: the same person under another e-mail address.

The e-mail address is checked by its column (a repeated address refuses the row). Here a
row is compared by name and organisation with everyone in the directory and with the rows
above it in the same file. Two people may truly share a name and an organisation, so a
likely duplicate is a warning on the row, not a refusal: staff look at it in the preview
and import the file only after saying that these are different people.

Names are compared by `person_key`: case, accents, spaces and punctuation do not count,
nor the order in which a Thai name's vowel and tone marks were typed; the order of the
words does. Someone's names in other scripts (`Participant.other_names`) count as their
name: "สมชาย ใจดี" in a file matches the directory's "Somchai Jaidee" who has it recorded.
No organisation on both sides counts as the same organisation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Participant
from ..protection import is_thai, other_script_names
from .rows import ParsedRow


def person_key(text: str) -> str:
    """A name (or an organisation's) with case, accents, spacing and punctuation removed.

    Latin accents go (NFKD, combining marks dropped); Thai marks stay, but a run of them
    is put in one order, since keyboards let "ที่" be typed with either mark first."""
    out: list[str] = []
    marks: list[str] = []
    for char in unicodedata.normalize("NFKD", text or ""):
        if is_thai(char) and unicodedata.category(char) == "Mn":
            marks.append(char)
            continue
        out += sorted(marks)
        marks = []
        if unicodedata.combining(char):
            continue
        if char.isalnum() or is_thai(char):
            out.append(char.casefold())
    out += sorted(marks)
    return "".join(out)


@dataclass(frozen=True)
class Known:
    """Someone in the directory a row may duplicate, as staff see them."""

    name: str
    organisation: str
    email: str


@dataclass
class DuplicateFinder:
    """(name key, organisation key) -> who has it: the directory, then this file's rows."""

    directory: dict[tuple[str, str], Known] = field(default_factory=dict)
    rows: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> DuplicateFinder:
        """Everyone in the directory, in one query."""
        finder = cls()
        people = Participant.objects.values_list(
            "full_name", "other_names", "email", "organisation__name"
        ).order_by("pk")
        for full_name, other_names, email, organisation in people:
            known = Known(name=full_name, organisation=organisation or "", email=email)
            for name in [full_name, *other_script_names(other_names)]:
                key = (person_key(name), person_key(organisation or ""))
                if key[0]:
                    finder.directory.setdefault(key, known)
        return finder

    def check(self, row: ParsedRow) -> list[str]:
        """Warnings for this row, in the active language; the row is remembered for the
        rows below it."""
        name = row.values.get("full_name", "")
        organisation = " ".join(row.values.get("organisation", "").split())
        key = (person_key(name), person_key(organisation))
        if not key[0]:
            return []
        warnings = []
        known = self.directory.get(key)
        # The same address is refused by the e-mail column already: no second message.
        if known is not None and known.email != row.values.get("email", "").strip().lower():
            warnings.append(_already_in_directory(known))
        first = self.rows.setdefault(key, row.number)
        if first != row.number:
            warnings.append(_already_in_file(first, with_organisation=bool(key[1])))
        return warnings


def _already_in_directory(known: Known) -> str:
    if known.organisation:
        return _(
            "Possible duplicate: %(name)s (%(organisation)s, %(email)s) is already in the "
            "directory with the same name and organisation."
        ) % {"name": known.name, "organisation": known.organisation, "email": known.email}
    return _(
        "Possible duplicate: %(name)s (%(email)s) is already in the directory with the same "
        "name and no organisation."
    ) % {"name": known.name, "email": known.email}


def _already_in_file(first: int, *, with_organisation: bool) -> str:
    if with_organisation:
        return _(
            "Possible duplicate: row %(row)s of this file has the same name and organisation."
        ) % {"row": first}
    return _(
        "Possible duplicate: row %(row)s of this file has the same name and no organisation."
    ) % {"row": first}
