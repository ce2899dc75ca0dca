"""Content in every language: the columns django-modeltranslation adds for a field.

`localized("title", "id")` is the column holding the Indonesian title. It is the one helper
for this (issue 18 found three with three signatures); Indonesian's code `id` clashes with a
model's primary key, so modeltranslation ends its columns in `_ind`.
"""

from __future__ import annotations

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def localized(field: str, language: str) -> str:
    """The column of `field` for `language` ("title", "id" gives "title_ind")."""
    return build_localized_fieldname(field, language)


def every_language(*fields: str) -> list[str]:
    """The columns of each field in every language, field by field:
    every_language("title", "body") gives title_en, title_ind, …, body_en, …"""
    return [localized(field, code) for field in fields for code in LANGUAGE_CODES]
