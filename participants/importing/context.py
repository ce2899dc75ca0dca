"""What every row of an import is checked against: the directory as it is now (read once
per file), and the rows of the same file read before it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from common.translation import localized

from ..models import Country, Organisation, Participant
from ..protection import Audience, NamesInUse, Registry, names_in_use, registry
from .duplicates import DuplicateFinder
from .rows import RawRow


def _country_table() -> dict[str, str]:
    """ISO code and name in every language, casefolded -> ISO code."""
    table = {}
    for country in Country.objects.all():
        table[country.code.casefold()] = country.code
        for language, _name in settings.LANGUAGES:
            name = getattr(country, localized("name", language), "")
            if name:
                table[name.casefold()] = country.code
    return table


@dataclass
class ImportContext:
    countries: dict[str, str]  # see _country_table
    emails_in_directory: set[str]
    known_organisations: set[tuple[str, str | None]]  # (casefolded name, country code)
    names: NamesInUse  # grows with each row whose names are accepted
    duplicates: DuplicateFinder  # grows with each row
    first_row_for_email: dict[str, int] = field(default_factory=dict)
    # Everyone the platform protects now: a chosen display name may not name them in any form.
    protected: Registry | None = None

    @classmethod
    def load(cls, rows: list[RawRow]) -> ImportContext:
        emails = [row["values"].get("email", "").strip().lower() for row in rows]
        return cls(
            countries=_country_table(),
            emails_in_directory=set(
                Participant.objects.filter(email__in=[e for e in emails if e]).values_list(
                    "email", flat=True
                )
            ),
            known_organisations={
                (name.casefold(), code)
                for name, code in Organisation.objects.values_list("name", "country__code")
            },
            names=names_in_use(),
            duplicates=DuplicateFinder.load(),
            protected=registry(audience=Audience.PARTICIPANTS),
        )
