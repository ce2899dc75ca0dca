"""Visa support's rules that are not reads or writes: countries, letter languages, placeholders.

- Nationality is an ISO 3166-1 alpha-2 code; the list is Babel's (CLDR) names of the
  territories, in the reader's language, without groupings such as "EU" or "UN".
- A letter is in English, and optionally in the host country's language: Thai for
  Thailand, Indonesian for Indonesia, Malay for Malaysia; Australia and New Zealand have
  none (English is theirs).
- The letter's text (`VisaLetterTemplate.body`, per language) may use the placeholders in
  `PLACEHOLDERS`, written in braces: `{passport_name}`. Anything else in braces is refused
  when staff save the text (`validate_letter_text`), so a letter never prints a stray brace
  or reaches into a value's attributes (`{passport_name.__class__}`).
"""

from __future__ import annotations

import string
from functools import lru_cache

from babel import Locale
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# CLDR territories with two letters that are not countries one holds a passport of.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}

# The host country's language for the letter's second copy (ISO country code -> language).
HOST_LANGUAGES = {"TH": "th", "ID": "id", "MY": "ms"}

PLACEHOLDERS = {
    "passport_name": _("the name as in the passport"),
    "nationality": _("the nationality, in the letter's language"),
    "passport_number": _("the passport number"),
    "passport_expiry": _("the date the passport is valid until"),
    "convening_title": _("the convening's title"),
    "dates": _("the convening's dates"),
    "venue": _("the venue, city and country"),
    "city": _("the city"),
    "country": _("the host country"),
    "costs": _("who pays for travel, accommodation and meals, one line each"),
    "signatory_name": _("the name of the staff member who signs"),
    "signatory_title": _("the title of the staff member who signs"),
}
# Placeholders whose value the letter can only print if the participant gave it.
NEEDS_DETAILS = {"passport_number", "passport_expiry"}


def _babel_locale(language: str) -> Locale:
    return Locale.parse({"id": "id", "ms": "ms", "th": "th"}.get(language, "en"))


@lru_cache(maxsize=8)
def _countries(language: str) -> tuple[tuple[str, str], ...]:
    names = _babel_locale(language).territories
    pairs = [
        (code, name)
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(pairs, key=lambda pair: pair[1].casefold()))


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(ISO code, name) of every country, named and sorted in the language (default: active)."""
    return list(_countries(language or get_language() or "en"))


def is_country(code: str) -> bool:
    return code in dict(_countries("en"))


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in the language; the code itself if it is not a country."""
    return dict(_countries(language or get_language() or "en")).get(code, code)


def host_language(country_code: str) -> str:
    """The language of the letter's second copy for a convening in this country, or ""."""
    return HOST_LANGUAGES.get(country_code, "")


def placeholders_in(text: str) -> list[str]:
    """The placeholder names the text uses; ValueError if its braces do not parse."""
    return [
        name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None
    ]


def validate_letter_text(text: str) -> None:
    """A field error for unknown placeholders, braces that do not close, or formatting."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValidationError(
            _(
                "A brace is not closed or not opened: write placeholders as "
                "{passport_name}, and leave other braces out."
            ),
            code="braces",
        ) from exc
    unknown = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            unknown.append("{" + field + "}")
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. Use only the placeholders listed below the text."),
            code="unknown_placeholder",
            params={"names": ", ".join(unknown)},
        )


def fill(text: str, values: dict[str, str]) -> str:
    """The text with its placeholders replaced (it was validated when saved)."""
    return text.format_map(values)
