"""Reads for the account pages: the audit log and the accounts page for admins, and whether
a record or account is erased. A person's own data export is participants.my_data."""

from __future__ import annotations

import datetime as dt

from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

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


def is_erased(participant) -> bool:
    return participant.email.endswith("@" + ERASED_EMAIL_DOMAIN)


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
