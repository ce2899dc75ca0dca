"""Reads about participants, with the visibility rules applied in one place."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import Country, Sector

_ANONYMOUS = {
    Sector.GOVERNMENT: "a government official from %(country)s",
    Sector.CIVIL_SOCIETY: "a civil society leader from %(country)s",
    Sector.ACADEMIA: "an academic from %(country)s",
    Sector.INTERNATIONAL: "an international organisation representative in %(country)s",
    Sector.LIVED_EXPERIENCE: "a person with lived experience from %(country)s",
}


def describe_anonymously(*, sector: str, country: Country | None) -> str:
    """A description naming nobody, in the active language."""
    country_name = country.name if country is not None else _("the region")
    # The literal strings are marked below so makemessages finds them.
    template = _ANONYMOUS.get(sector, "a participant from %(country)s")
    return _(template) % {"country": country_name}


# Marked for translation (makemessages reads these calls; they are never run).
if False:  # pragma: no cover
    _("a government official from %(country)s")
    _("a civil society leader from %(country)s")
    _("an academic from %(country)s")
    _("an international organisation representative in %(country)s")
    _("a person with lived experience from %(country)s")
    _("a participant from %(country)s")
