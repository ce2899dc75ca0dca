"""A person's own data: everything held about one participant, as the JSON download and
as titled tables for the readable "My data" page (`/portal/my-data/`).

Moved here from accounts (issue 18): the export reads the participant record and scrubs
everyone else's identity with the protection service, and accounts imports nothing of
participants. The generic walk of every row linked to a person stays in
`accounts.personal_data` (it covers the account's rows too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from accounts import personal_data
from accounts.models import AuditEntry

from . import protection
from .models import Participant


class PersonalDataExport(TypedDict):
    """The download of everything held about one participant (JSON, so a dict)."""

    generated_at: str
    participant: dict[str, Any]  # their directory record, field by field
    account: dict[str, Any] | None  # e-mail, name, language, date_joined, last_login
    records: dict[str, list[dict[str, Any]]]  # model label -> its rows about them
    changes_to_your_record: list[dict[str, Any]]  # at, action, fields


@dataclass(frozen=True)
class DataSection:
    """One kind of record on the readable page of the export."""

    label: str  # the model label, e.g. "convenings.invitation"
    title: str
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[list[Any]]


def personal_data_export(*, participant: Participant) -> PersonalDataExport:
    """Everything held about one participant, for them to download.

    Their directory record and account, then every row of every model that links to them
    (found generically, see accounts.personal_data), then the audit trail about them
    without who did it. Other people appear only as ids; anonymous rows never appear;
    shared text (an outcome naming them and others) has everyone else's identity scrubbed
    by the protection service, in every form and script.
    """

    user = participant.user
    subjects = (participant, user)
    records: dict[str, list[dict[str, Any]]] = {}
    for link in personal_data.exportable_links():
        rows = [
            personal_data.serialise_row(row, subjects=subjects)
            for row in personal_data.rows_for(link, participant=participant, user=user)
            if not personal_data.is_anonymous(row)
        ]
        if rows:
            records.setdefault(link.model._meta.label_lower, []).extend(rows)
    others = protection.registry(audience=protection.Audience.EVERYONE, exclude=[participant.pk])
    records = others.scrub_value(records)
    account = None
    if user is not None:
        account = {
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "date_joined": personal_data.plain(user.date_joined),
            "last_login": personal_data.plain(user.last_login),
        }
    trail = [
        {"at": entry.at.isoformat(), "action": entry.action, "fields": sorted(entry.changes)}
        for entry in AuditEntry.objects.filter(
            object_type=participant._meta.label_lower, object_id=str(participant.pk)
        ).order_by("at", "id")
    ]
    return {
        "generated_at": timezone.now().isoformat(),
        "participant": personal_data.serialise_row(participant, subjects=subjects),
        "account": account,
        "records": records,
        "changes_to_your_record": trail,
    }


def field_label(model, key: str) -> str:
    """The field's name as people read it, in the active language ("Full name", not
    "full_name"); the key itself when the model has no such field."""

    if model is None:
        return key
    try:
        name = str(model._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:
        return key
    return name[:1].upper() + name[1:]


def personal_data_sections(data: PersonalDataExport) -> list[DataSection]:
    """The export as titled tables for the readable page: one per kind of record, with
    columns as (key, label)."""

    sections = []
    for label, rows in data["records"].items():
        try:
            model = apps.get_model(label)
            title = str(model._meta.verbose_name_plural).capitalize()
        except (LookupError, ValueError):
            model, title = None, label
        keys = sorted({key for row in rows for key in row if key != "id"})
        sections.append(
            DataSection(
                label=label,
                title=title,
                columns=[(key, field_label(model, key)) for key in keys],
                rows=[[row.get(c) for c in keys] for row in rows],
            )
        )
    return sections


def personal_record_fields(data: PersonalDataExport) -> list[tuple[str, Any]]:
    """The person's own record as (label, value) pairs for the readable page."""

    return [(field_label(Participant, key), value) for key, value in data["participant"].items()]


def personal_account_fields(data: PersonalDataExport) -> list[tuple[str, Any]]:
    """The person's account as (label, value) pairs for the readable page."""

    account = data.get("account") or {}
    return [(field_label(get_user_model(), key), value) for key, value in account.items()]
