"""Organisations found by name in a country, or created (and audit-logged) when new."""

from __future__ import annotations

from accounts import audit
from accounts.models import User

from ..models import Country, Organisation


def find_or_create_organisation(
    *, name: str, sector: str, country: Country, by: User | None
) -> Organisation:
    """The organisation of that name in that country (any case), created when new."""
    name = " ".join(name.split())
    organisation = Organisation.objects.filter(name__iexact=name, country=country).first()
    if organisation is None:
        organisation = Organisation.objects.create(name=name, sector=sector, country=country)
        audit.record(
            actor=by,
            action="organisation.created",
            obj=organisation,
            changes={
                "name": [None, name],
                "sector": [None, sector],
                "country_id": [None, country.pk],
            },
        )
    return organisation


def resolve_organisation(
    organisation: Organisation | str | None, *, sector: str, country: Country, by: User | None
) -> Organisation | None:
    if isinstance(organisation, str):
        if not organisation.strip():
            return None
        return find_or_create_organisation(name=organisation, sector=sector, country=country, by=by)
    return organisation
