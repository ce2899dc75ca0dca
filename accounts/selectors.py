"""Reads for the account pages: the audit log and the accounts page for admins, a person's own
data export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypedDict

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from participants import protection
from participants.models import Participant

from . import personal_data
from .models import AccountAction, AuditEntry, User
from .roles import ADMIN_GROUP, STAFF_GROUP

ERASED_EMAIL_DOMAIN = "erased.invalid"


def audit_entries(
    *,
    object_type: str = "",
    object_id: str = "",
    actor: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """Newest first, with the actor joined in (one query per page of entries)."""
    entries = AuditEntry.objects.select_related("actor")
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if actor:
        entries = entries.filter(actor__email__icontains=actor.strip())
    zone = timezone.get_current_timezone()
    if date_from:
        start = dt.datetime.combine(date_from, dt.time.min, tzinfo=zone)
        entries = entries.filter(at__gte=start)
    if date_to:
        end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        entries = entries.filter(at__lt=end)
    return entries.order_by("-at", "-id")


def audit_object_types() -> list[str]:
    return list(
        AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    )


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


def is_erased(participant) -> bool:
    return participant.email.endswith("@" + ERASED_EMAIL_DOMAIN)


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


# --- The accounts page (admins) ----------------------------------------------------------

ROLE_ADMIN = "admin"
ROLE_STAFF = "staff"
# No staff role: a participant's account (or an account linked to nobody yet).
ROLE_PARTICIPANT = "participant"
ROLES = (ROLE_PARTICIPANT, ROLE_STAFF, ROLE_ADMIN)


def _not_erased(queryset):
    # Erased people's accounts are tombstones: nobody may see or act on them here (a
    # reactivated erased account would undo the erasure).
    return queryset.exclude(email__endswith="@" + ERASED_EMAIL_DOMAIN)


def accounts_for_admin(*, q: str = "", role: str = ""):
    """Every account but erased ones, with what a row of the accounts page shows, in one
    query: the linked participant record, membership of the two role groups, whether
    two-factor is set up and whether an e-mail about the account failed (annotations
    `in_admin_group`, `in_staff_group`, `has_totp`, `mail_failed`)."""

    membership = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    accounts = (
        _not_erased(User.objects.all())
        .select_related("participant")
        .annotate(
            in_admin_group=Exists(membership.filter(group__name=ADMIN_GROUP)),
            in_staff_group=Exists(membership.filter(group__name=STAFF_GROUP)),
            has_totp=Exists(
                Authenticator.objects.filter(user_id=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
            # An e-mail of the accounts page that could not be sent (retries gave up).
            mail_failed=Exists(
                AccountAction.objects.filter(
                    user_id=OuterRef("pk"),
                    mail_sent_at__isnull=True,
                    mail_failed_at__isnull=False,
                )
            ),
        )
    )
    for word in (q or "").split():
        accounts = accounts.filter(
            Q(name__icontains=word)
            | Q(email__icontains=word)
            | Q(participant__full_name__icontains=word)
            | Q(participant__display_name__icontains=word)
        )
    is_admin_row = Q(is_superuser=True) | Q(in_admin_group=True)
    if role == ROLE_ADMIN:
        accounts = accounts.filter(is_admin_row)
    elif role == ROLE_STAFF:
        accounts = accounts.filter(in_staff_group=True).exclude(is_admin_row)
    elif role == ROLE_PARTICIPANT:
        accounts = accounts.exclude(is_admin_row).exclude(in_staff_group=True)
    return accounts.order_by("email", "pk")


def account_for_admin(*, user_id: int):
    """One account as the accounts page shows it, or None (missing or erased)."""
    return accounts_for_admin().filter(pk=user_id).first()


def role_of(user) -> str:
    """The account's role today, read from the database (or a row's annotations)."""

    if hasattr(user, "in_admin_group"):
        in_admin, in_staff = user.in_admin_group, user.in_staff_group
    else:
        names = set(user.groups.values_list("name", flat=True))
        in_admin, in_staff = ADMIN_GROUP in names, STAFF_GROUP in names
    if user.is_superuser or in_admin:
        return ROLE_ADMIN
    if in_staff:
        return ROLE_STAFF
    return ROLE_PARTICIPANT


def other_active_admin_exists(*, user) -> bool:
    """Whether an active platform admin other than `user` remains."""

    return (
        _not_erased(User.objects.filter(is_active=True))
        .filter(Q(is_superuser=True) | Q(groups__name=ADMIN_GROUP))
        .exclude(pk=user.pk)
        .exists()
    )


def is_erased_account(user) -> bool:
    return user.email.endswith("@" + ERASED_EMAIL_DOMAIN)
