"""Writes about participants: the directory record, consents, accounts, profile, import.

Every change is audit-logged through `accounts.audit.record` inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts import services as account_services
from accounts.models import User
from platform_site.zones import is_known_zone, propose_zone

from .models import Country, ExpertiseLevel, Organisation, Participant, Visibility

if TYPE_CHECKING:
    from .importing import ParsedFile, RawRow

# What the audit log compares for a participant record (attnames: no extra queries).
RECORD_FIELDS = [
    "full_name",
    "display_name",
    "other_names",
    "email",
    "visibility",
    "preferred_language",
    "time_zone",
    "country_id",
    "organisation_id",
    "sector",
    "position",
    "expertise_level",
    "lived_experience",
    "is_active",
    "joined_on",
    "notes",
]
EDITABLE_FIELDS = {
    "time_zone",
    "full_name",
    "display_name",
    "other_names",
    "email",
    "visibility",
    "preferred_language",
    "country",
    "organisation",
    "sector",
    "position",
    "expertise_level",
    "lived_experience",
    "is_active",
    "joined_on",
    "notes",
}
CONSENT_AUDIT_FIELDS = [
    name for field in Participant.CONSENT_FIELDS for name in (field, f"{field}_at")
]


class ParticipantError(Exception):
    """A change the rules do not allow; the message is for the person who asked."""


class AccountExistsError(ParticipantError):
    """The participant has an account already: a repeated "create account" sends nothing."""


def _apply_consents(
    participant: Participant, consents: Mapping[str, bool], *, now: dt.datetime
) -> list[str]:
    """Set each consent that changed and stamp its date; returns the fields touched."""
    touched = []
    for field, value in consents.items():
        if field not in Participant.CONSENT_FIELDS:
            raise ValueError(f"unknown consent {field!r}")
        if bool(getattr(participant, field)) == bool(value):
            continue
        setattr(participant, field, bool(value))
        setattr(participant, f"{field}_at", now)
        touched += [field, f"{field}_at"]
    return touched


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


def _resolve_organisation(
    organisation: Organisation | str | None, *, sector: str, country: Country, by: User | None
) -> Organisation | None:
    if isinstance(organisation, str):
        if not organisation.strip():
            return None
        return find_or_create_organisation(name=organisation, sector=sector, country=country, by=by)
    return organisation


def _zone_or_proposal(time_zone: str | None, country: Country) -> str:
    """The zone staff chose, or the country's when they left it empty; unknown: refused."""
    if not time_zone:
        return propose_zone(country_code=country.code)
    if not is_known_zone(time_zone):
        raise ParticipantError(_("Choose a time zone from the list."))
    return time_zone


def _check_pseudonym(participant: Participant) -> None:
    from .protection import name_key, name_taken, names_in_use

    if participant.visibility == Visibility.PSEUDONYMOUS and (
        not participant.display_name.strip()
        or name_key(participant.display_name) == name_key(participant.full_name)
    ):
        raise ParticipantError(_("A pseudonymous participant needs a pseudonym, not their name."))
    if name_taken(
        display_name=participant.display_name,
        full_name=participant.full_name,
        in_use=names_in_use(exclude=participant.pk),
    ):
        raise ParticipantError(
            _(
                "This display name is another participant's name or pseudonym (letter case "
                "and accents do not count). Choose another."
            )
        )


@transaction.atomic
def create_participant(
    *,
    by: User | None,
    full_name: str,
    email: str,
    country: Country,
    sector: str,
    display_name: str = "",
    other_names: str = "",
    organisation: Organisation | str | None = None,
    position: str = "",
    expertise_level: str = ExpertiseLevel.EXPERIENCED,
    lived_experience: bool = False,
    visibility: str = Visibility.NAMED,
    preferred_language: str = "en",
    time_zone: str = "",
    is_active: bool = True,
    joined_on: dt.date | None = None,
    notes: str = "",
    consents: Mapping[str, bool] | None = None,
) -> Participant:
    """A new directory record; consents given now are dated now.

    `organisation` may be the name of one to find or create in the participant's country.
    """
    email = email.strip().lower()
    if Participant.objects.filter(email__iexact=email).exists():
        raise ParticipantError(_("A participant with this e-mail address already exists."))
    organisation = _resolve_organisation(organisation, sector=sector, country=country, by=by)
    participant = Participant(
        full_name=full_name.strip(),
        display_name=(display_name or full_name).strip(),
        other_names=other_names.strip(),
        email=email,
        country=country,
        sector=sector,
        organisation=organisation,
        position=position,
        expertise_level=expertise_level,
        lived_experience=lived_experience,
        visibility=visibility,
        preferred_language=preferred_language,
        time_zone=_zone_or_proposal(time_zone, country),
        is_active=is_active,
        joined_on=joined_on or timezone.localdate(),
        notes=notes,
    )
    _check_pseudonym(participant)
    _apply_consents(participant, consents or {}, now=timezone.now())
    participant.save()
    after = audit.snapshot(participant, RECORD_FIELDS + CONSENT_AUDIT_FIELDS)
    audit.record(
        actor=by,
        action="participant.created",
        obj=participant,
        changes=audit.diff({}, {k: v for k, v in after.items() if v not in (None, "", False)}),
    )
    return participant


@transaction.atomic
def update_participant(
    *,
    participant: Participant,
    by: User | None,
    consents: Mapping[str, bool] | None = None,
    **changes: Any,
) -> dict[str, list[Any]]:
    """Change directory fields (staff), and consents if given; returns the record's diff.

    `organisation` may be the name of one to find or create in the participant's country.
    """
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "time_zone" in changes:
        changes["time_zone"] = _zone_or_proposal(
            changes["time_zone"], changes.get("country", participant.country)
        )
    if "email" in changes:
        changes["email"] = changes["email"].strip().lower()
        if (
            Participant.objects.filter(email__iexact=changes["email"])
            .exclude(pk=participant.pk)
            .exists()
        ):
            raise ParticipantError(_("A participant with this e-mail address already exists."))
    if isinstance(changes.get("organisation"), str):
        changes["organisation"] = _resolve_organisation(
            changes["organisation"],
            sector=changes.get("sector", participant.sector),
            country=changes.get("country", participant.country),
            by=by,
        )
    before = audit.snapshot(participant, RECORD_FIELDS)
    for name, value in changes.items():
        setattr(participant, name, value)
    if not participant.display_name.strip():
        participant.display_name = participant.full_name
    _check_pseudonym(participant)
    changed = audit.diff(before, audit.snapshot(participant, RECORD_FIELDS))
    if changed:
        participant.save()
        audit.record(actor=by, action="participant.updated", obj=participant, changes=changed)
        if PROTECTION_FIELDS & changed.keys():
            _recheck(participant, by=by)
    if consents:
        set_consents(participant=participant, by=by, consents=consents)
    return changed


# A change of any of these changes who is protected and how: re-check what others read.
PROTECTION_FIELDS = {"full_name", "display_name", "other_names", "visibility", "organisation_id"}


def _recheck(participant: Participant, *, by) -> None:
    from .protection_services import recheck

    recheck(why=f"participant {participant.pk} changed", by=by)


@transaction.atomic
def set_consents(
    *, participant: Participant, by: User | None, consents: Mapping[str, bool]
) -> dict[str, list[Any]]:
    """Record consents given or withdrawn; only those that change get a new date."""
    before = audit.snapshot(participant, CONSENT_AUDIT_FIELDS)
    touched = _apply_consents(participant, consents, now=timezone.now())
    if not touched:
        return {}
    participant.save(update_fields=[*touched, "updated_at"])
    changed = audit.diff(before, audit.snapshot(participant, CONSENT_AUDIT_FIELDS))
    audit.record(actor=by, action="participant.consents_changed", obj=participant, changes=changed)
    _recheck(participant, by=by)
    return changed


@transaction.atomic
def create_account_for(*, participant: Participant, by: User | None) -> User:
    """Open an account for this participant and e-mail them the link to choose a password."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.user_id is not None:
        raise AccountExistsError(_("This participant already has an account."))
    if User.objects.filter(email__iexact=participant.email).exists():
        raise ParticipantError(
            _("An account with this e-mail address already exists; ask an admin to link it.")
        )
    user = account_services.create_account(
        email=participant.email,
        name=participant.full_name,
        language=participant.preferred_language,
    )
    participant.user = user
    participant.save(update_fields=["user", "updated_at"])
    audit.record(
        actor=by,
        action="participant.account_created",
        obj=participant,
        changes={"user_id": [None, user.pk]},
    )
    account_services.invite_to_account(user=user)
    return user


@transaction.atomic
def update_profile(
    *,
    participant: Participant,
    by: User,
    preferred_language: str,
    display_name: str,
    visibility: str,
    consents: Mapping[str, bool],
    time_zone: str | None = None,
) -> dict[str, list[Any]]:
    """The participant's own changes from "My profile"; the language follows their account.

    `time_zone` None leaves the stored zone as it is."""
    if preferred_language not in dict(settings.LANGUAGES):
        raise ParticipantError(_("Choose one of the languages offered."))
    if visibility not in Visibility.values:
        raise ParticipantError(_("Choose one of the visibility options."))
    if time_zone is not None and not is_known_zone(time_zone):
        raise ParticipantError(_("Choose a time zone from the list."))
    fields = ["preferred_language", "display_name", "visibility", "time_zone"]
    before = audit.snapshot(participant, fields + CONSENT_AUDIT_FIELDS)
    if time_zone is not None:
        participant.time_zone = time_zone
    participant.display_name = display_name.strip() or participant.full_name
    participant.visibility = visibility
    participant.preferred_language = preferred_language
    _check_pseudonym(participant)
    touched = _apply_consents(participant, consents, now=timezone.now())
    changed = audit.diff(before, audit.snapshot(participant, fields + CONSENT_AUDIT_FIELDS))
    if not changed:
        return {}
    participant.save(update_fields=[*fields, *touched, "updated_at"])
    if participant.user_id is not None and "preferred_language" in changed:
        account_services.set_language(user=participant.user, language=preferred_language)
    audit.record(actor=by, action="participant.profile_updated", obj=participant, changes=changed)
    if PROTECTION_FIELDS & changed.keys() or set(CONSENT_AUDIT_FIELDS) & changed.keys():
        _recheck(participant, by=by)
    return changed


class ImportRejectedError(Exception):
    """The file has at least one bad row; nothing was imported."""

    def __init__(self, parsed: ParsedFile):
        super().__init__("import rejected")
        self.parsed = parsed


def _organisation_for(row: dict, country: Country, cache: dict, by) -> Organisation | None:
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
def import_participants(*, rows: list[RawRow], by: User | None) -> list[Participant]:
    """All rows or none: validate again against the directory now, then create everyone.

    Raises ImportRejectedError (with every row's errors) when any row is bad.
    """
    from .importing import validate_rows

    parsed = validate_rows(rows)
    if not parsed.is_valid:
        raise ImportRejectedError(parsed)
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
            changes={"row": [None, row.number]},
        )
        created.append(participant)
    return created
