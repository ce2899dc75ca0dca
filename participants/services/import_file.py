"""An import file saved: all rows or none, checked again against the directory now."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.models import User
from common.zones import propose_zone

from .. import importing
from ..importing import CleanedRow, RawRow
from ..models import Country, Organisation, Participant
from .errors import DuplicatesNotAcceptedError, ImportRejectedError
from .organisations import find_or_create_organisation


def _organisation_for(
    row: CleanedRow, country: Country, cache: dict, by: User | None
) -> Organisation | None:
    name = row["organisation"]
    if not name:
        return None
    key = (name.casefold(), country.pk)
    if key not in cache:
        cache[key] = find_or_create_organisation(
            name=name, sector=row["sector"], country=country, by=by
        )
    return cache[key]


@transaction.atomic
def import_participants(
    *, rows: list[RawRow], by: User | None, accepted_duplicates: Collection[int] = ()
) -> list[Participant]:
    """All rows or none: validate again against the directory now, then create everyone.

    `accepted_duplicates`: numbers of the rows staff saw flagged as likely duplicates and
    said are different people. Raises ImportRejectedError (with every row's errors) when
    any row is bad, and DuplicatesNotAcceptedError when a row is flagged now that staff
    did not accept (a colleague may have added that person since the preview).
    """
    parsed = importing.validate_rows(rows)
    if not parsed.is_valid:
        raise ImportRejectedError(parsed)
    if any(row.number not in accepted_duplicates for row in parsed.warned_rows):
        raise DuplicatesNotAcceptedError(parsed)
    countries = {c.code: c for c in Country.objects.all()}
    organisations: dict = {}
    created = []
    for row in parsed.rows:
        data = row.cleaned
        country = countries[data["country"]]
        participant = Participant(
            full_name=data["full_name"],
            display_name=data["display_name"],
            email=data["email"],
            country=country,
            organisation=_organisation_for(data, country, organisations, by),
            sector=data["sector"],
            position=data["position"],
            expertise_level=data["expertise_level"],
            lived_experience=data["lived_experience"],
            visibility=data["visibility"],
            preferred_language=data["preferred_language"],
            time_zone=propose_zone(country_code=country.code),
            joined_on=data["joined_on"] or timezone.localdate(),
        )
        participant.save()
        audit.record(
            actor=by,
            action="participant.imported",
            obj=participant,
            changes={
                "row": [None, row.number],
                # Kept for the record: staff imported a likely duplicate knowingly.
                **({"possible_duplicate_accepted": [None, True]} if row.warnings else {}),
            },
        )
        created.append(participant)
    return created
