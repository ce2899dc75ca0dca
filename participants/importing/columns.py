"""The columns of a participant import, one class per column (after pretix's order import):
the header names it is known by, whether it is required, its example in the template, and
`clean`, which turns the cell's text into the value saved or raises a `ValidationError`
with its own translated reasons.

A column may read the values cleaned before it in the row (`row.cleaned`): the display name
reads the visibility, the language and the organisation read the country. `CLEAN_ORDER`
is the order they are cleaned in (and the order of a row's reasons); `COLUMNS` is the
template's order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import override

from ..models import ExpertiseLevel, Sector, Visibility
from ..protection import name_key, name_taken
from .context import ImportContext
from .rows import ParsedRow

# Language a new participant gets when the file leaves it blank.
COUNTRY_LANGUAGE = {"ID": "id", "MY": "ms", "TH": "th"}
YES = {"yes", "y", "true", "1", "x", "ya", "ใช่"}
NO = {"no", "n", "false", "0", "", "tidak", "tak", "ไม่"}


def _choice(value: str, choices, *, extra: dict[str, str] | None = None) -> str | None:
    """Match a code or a label (English or the active language), ignoring case."""
    wanted = value.strip().casefold()
    table = dict(extra or {})
    for code, label in choices:
        table[str(code).casefold()] = code
        table[str(label).casefold()] = code
        with override("en"):
            table[str(label).casefold()] = code
    return table.get(wanted.replace(" ", "_")) or table.get(wanted)


class ImportColumn:
    identifier: ClassVar[str]
    headers: ClassVar[tuple[str, ...]] = ()  # other names the header row may use
    required: ClassVar[bool] = False
    example: ClassVar[str] = ""

    def clean(self, value: str, *, row: ParsedRow, context: ImportContext) -> Any:
        """The value to save, from the cell's stripped text; ValidationError when wrong.

        `row.cleaned` holds the values of the columns cleaned before this one."""
        raise NotImplementedError


def _too_long(value: str, limit: int, message: str) -> None:
    if len(value) > limit:
        raise ValidationError(message)


class FullNameColumn(ImportColumn):
    identifier = "full_name"
    headers = ("name", "full name")
    required = True
    example = "Example Person"

    def clean(self, value, *, row, context):
        if not value:
            raise ValidationError(_("The name is missing."))
        _too_long(value, 200, _("The name is longer than 200 characters."))
        return value


class EmailColumn(ImportColumn):
    identifier = "email"
    headers = ("e-mail", "e-mail address", "email address")
    required = True
    example = "example.person@example.org"

    def clean(self, value, *, row, context):
        email = value.lower()
        if not email:
            raise ValidationError(_("The e-mail address is missing."))
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not a valid e-mail address.") % {"value": value}
            ) from None
        errors = []
        first = context.first_row_for_email.setdefault(email, row.number)
        if first != row.number:
            errors.append(
                _("The same e-mail address is already in row %(row)s of this file.")
                % {"row": first}
            )
        if email in context.emails_in_directory:
            errors.append(_("A participant with this e-mail address is already in the directory."))
        if errors:
            raise ValidationError(errors)
        return email


class CountryColumn(ImportColumn):
    identifier = "country"
    required = True
    example = "TH"

    def clean(self, value, *, row, context):
        if not value:
            raise ValidationError(_("The country is missing."))
        code = context.countries.get(value.casefold())
        if code is None:
            raise ValidationError(_("Unknown country “%(value)s”.") % {"value": value})
        return code


class ChoiceColumn(ImportColumn):
    """A cell holding one of `choices`, by code or label; blank means `default`."""

    choices: ClassVar[Any]
    default: ClassVar[str | None] = None

    def unknown(self, value: str) -> str:
        raise NotImplementedError

    def missing(self) -> str:
        raise NotImplementedError

    def clean(self, value, *, row, context):
        if not value:
            if self.default is None:
                raise ValidationError(self.missing())
            return self.default
        code = _choice(value, self.choices)
        if code is None:
            raise ValidationError(self.unknown(value))
        return code


class SectorColumn(ChoiceColumn):
    identifier = "sector"
    required = True
    example = "civil_society"
    choices = Sector.choices

    def missing(self):
        return _("The sector is missing.")

    def unknown(self, value):
        return _("Unknown sector “%(value)s”; use one of: %(choices)s.") % {
            "value": value,
            "choices": ", ".join(Sector.values),
        }


class ExpertiseLevelColumn(ChoiceColumn):
    identifier = "expertise_level"
    headers = ("expertise", "expertise level")
    example = "experienced"
    choices = ExpertiseLevel.choices
    default = ExpertiseLevel.EXPERIENCED.value

    def unknown(self, value):
        return _("Unknown expertise level “%(value)s”; use one of: %(choices)s.") % {
            "value": value,
            "choices": ", ".join(ExpertiseLevel.values),
        }


class VisibilityColumn(ChoiceColumn):
    identifier = "visibility"
    example = "named"
    choices = Visibility.choices
    default = Visibility.NAMED.value

    def unknown(self, value):
        return _("Unknown visibility “%(value)s”; use one of: %(choices)s.") % {
            "value": value,
            "choices": ", ".join(Visibility.values),
        }


class DisplayNameColumn(ImportColumn):
    """Blank means the full name; a pseudonymous person needs one, and nobody may take
    another participant's name or pseudonym (nor one taken by an earlier row)."""

    identifier = "display_name"
    headers = ("display name",)

    def clean(self, value, *, row, context):
        full_name = row.values["full_name"]
        display_name = value or full_name
        errors = []
        if row.cleaned.get("visibility") == Visibility.PSEUDONYMOUS and (
            not value or value.casefold() == full_name.casefold()
        ):
            errors.append(_("A pseudonymous participant needs a pseudonym as display name."))
        if len(display_name) > 120:
            errors.append(_("The display name is longer than 120 characters."))
        chosen = name_key(display_name) != name_key(full_name)
        if name_taken(display_name=display_name, full_name=full_name, in_use=context.names) or (
            # A chosen name that names a protected person in another form or script.
            chosen and context.protected is not None and context.protected.names_in(display_name)
        ):
            errors.append(
                _(
                    "This display name is another participant's name or pseudonym (letter "
                    "case and accents do not count). Choose another."
                )
            )
        else:
            # Later rows may not take this row's names either.
            context.names.real.add(name_key(full_name))
            if name_key(display_name) != name_key(full_name):
                context.names.chosen.add(name_key(display_name))
        if errors:
            raise ValidationError(errors)
        return display_name


class PreferredLanguageColumn(ImportColumn):
    identifier = "preferred_language"
    headers = ("language", "preferred language")
    example = "th"

    def clean(self, value, *, row, context):
        if not value:
            return COUNTRY_LANGUAGE.get(row.cleaned.get("country") or "", "en")
        language = _choice(value, settings.LANGUAGES)
        if language is None:
            raise ValidationError(
                _("Unknown language “%(value)s”; use one of: %(choices)s.")
                % {
                    "value": value,
                    "choices": ", ".join(code for code, _name in settings.LANGUAGES),
                }
            )
        return language


class LivedExperienceColumn(ImportColumn):
    identifier = "lived_experience"
    headers = ("lived experience",)
    example = "no"

    def clean(self, value, *, row, context):
        answer = value.casefold()
        if answer not in YES | NO:
            raise ValidationError(
                _("Write yes or no for lived experience, not “%(value)s”.") % {"value": value}
            )
        return answer in YES


class JoinedOnColumn(ImportColumn):
    identifier = "joined_on"
    headers = ("joined", "joined on")
    example = "2024-03-01"

    def clean(self, value, *, row, context):
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": value}
            ) from None


class OrganisationColumn(ImportColumn):
    """Found by name in the person's country, or added to the directory (the preview says
    which: `organisation_is_new`)."""

    identifier = "organisation"
    headers = ("organization",)
    example = "Example Foundation"

    def clean(self, value, *, row, context):
        _too_long(value, 200, _("The organisation is longer than 200 characters."))
        name = " ".join(value.split())
        row.cleaned["organisation_is_new"] = bool(name) and (
            (name.casefold(), row.cleaned.get("country")) not in context.known_organisations
        )
        return name


class PositionColumn(ImportColumn):
    identifier = "position"
    example = "Programme officer"

    def clean(self, value, *, row, context):
        _too_long(value, 200, _("The position is longer than 200 characters."))
        return value


# The order of cleaning: a column comes after the columns it reads.
CLEAN_ORDER: list[ImportColumn] = [
    FullNameColumn(),
    EmailColumn(),
    CountryColumn(),
    SectorColumn(),
    ExpertiseLevelColumn(),
    VisibilityColumn(),
    DisplayNameColumn(),
    PreferredLanguageColumn(),
    LivedExperienceColumn(),
    JoinedOnColumn(),
    OrganisationColumn(),
    PositionColumn(),
]
_BY_IDENTIFIER = {column.identifier: column for column in CLEAN_ORDER}
# Column order of the template; the first four are required.
COLUMNS = [
    "full_name",
    "email",
    "country",
    "sector",
    "display_name",
    "organisation",
    "position",
    "expertise_level",
    "lived_experience",
    "visibility",
    "preferred_language",
    "joined_on",
]
REQUIRED_COLUMNS = [name for name in COLUMNS if _BY_IDENTIFIER[name].required]
HEADER_ALIASES = {header: column.identifier for column in CLEAN_ORDER for header in column.headers}
TEMPLATE_EXAMPLE = {name: _BY_IDENTIFIER[name].example for name in COLUMNS}


def template_csv() -> str:
    """The downloadable template: the header and one example row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow([TEMPLATE_EXAMPLE[c] for c in COLUMNS])
    return out.getvalue()
