"""Currencies: ISO 4217 codes chosen from a list with names in the reader's language.

The names come from Babel's copy of the Unicode CLDR (the same table on every machine).
A typed "Ringgit" is not a code: the form field refuses it with a message next to the
field rather than keeping its first three letters."""

from __future__ import annotations

import functools

from babel.numbers import get_currency_name, list_currencies
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Listed first: the currencies of the member countries and the usual funders' ones.
COMMON = ("AUD", "IDR", "MYR", "NZD", "THB", "USD", "EUR")


@functools.cache
def all_codes() -> frozenset[str]:
    # Babel lists historic codes too (e.g. "MYR"'s predecessors); every one is ISO 4217.
    return frozenset(list_currencies())


def is_currency(code: str) -> bool:
    return code in all_codes()


def _babel_locale(language: str) -> str:
    return {"id": "id", "ms": "ms", "th": "th"}.get((language or "en")[:2], "en")


@functools.cache
def _choices_in(locale: str) -> tuple[tuple[str, str], ...]:
    def label(code: str) -> str:
        return f"{code} · {get_currency_name(code, locale=locale)}"

    first = [(code, label(code)) for code in COMMON]
    rest = sorted(((code, label(code)) for code in all_codes() - set(COMMON)), key=lambda c: c[0])
    return tuple(first + rest)


def currency_choices() -> list[tuple[str, str]]:
    """(code, "MYR · Malaysian Ringgit") in the active language, common ones first."""
    return list(_choices_in(_babel_locale(translation.get_language() or "en")))


def currency_name(code: str, language: str | None = None) -> str:
    if not is_currency(code):
        return code
    return get_currency_name(code, locale=_babel_locale(language or translation.get_language()))


def validate_currency(value: str) -> None:
    if value and not is_currency(value):
        raise ValidationError(
            _("“%(value)s” is not a currency code: choose one from the list, e.g. MYR."),
            code="unknown_currency",
            params={"value": value},
        )


class CurrencyField(forms.ChoiceField):
    """A choice of ISO 4217 code; a code typed in lower case is accepted, a name is not."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Currency"))
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": _(
                    "“%(value)s” is not a currency code: choose one from the list, e.g. MYR."
                )
            },
        )
        super().__init__(choices=currency_choices, **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        return value.upper() if is_currency(value.upper()) else value
