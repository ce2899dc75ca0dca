"""Writes of the admins' accounts page: change a role, deactivate or reactivate an account,
reset its two-factor, send its invitation again.

Each is one service in one transaction that records an `AccountAction` (carrying the
confirmation form's key, so a double click or a replayed POST changes nothing more), writes
the audit log and queues the e-mail telling the person, in their language, after commit
(`accounts.tasks.send_account_notice`). Doing what is already the case (deactivating an
inactive account, say) changes nothing and sends nothing. No action may leave the platform
without an active platform admin; the account row is locked, and so are the admins' rows
whenever an admin might be demoted or deactivated, so two admins demoting each other at
once cannot both succeed (PostgreSQL; SQLite's write lock serialises the transactions).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from importlib import import_module

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.mail import compose

from . import audit, selectors, services
from .adapters import saved_language
from .models import AccountAction, AccountActionKind, User
from .permissions import forget_roles
from .roles import ADMIN_GROUP

logger = logging.getLogger(__name__)

Kind = AccountActionKind


class AccountActionError(Exception):
    """The action was refused; the message says why, in the admin's language."""


@dataclass(frozen=True)
class ActionResult:
    action: AccountAction | None
    # The same confirmation was carried out before (same key): nothing was done again.
    repeated: bool = False

    @property
    def changed(self) -> bool:
        return self.action is not None and not self.repeated


def _earlier(key: uuid.UUID) -> AccountAction | None:
    # Asked after the account row is locked: a concurrent POST of the same confirmation
    # waits for the first one's commit and then finds its record.
    return AccountAction.objects.filter(key=key).first()


def _lock(user: User, *, admins_too: bool = False) -> User:
    if admins_too:
        list(
            User.objects.select_for_update(of=("self",))
            .filter(Q(is_superuser=True) | Q(groups__name=ADMIN_GROUP))
            .values_list("pk", flat=True)
        )
    locked = User.objects.select_for_update().get(pk=user.pk)
    if selectors.is_erased_account(locked):
        raise AccountActionError(_("This account belongs to an erased person."))
    return locked


def _record(*, user: User, by: User, kind: str, key: uuid.UUID, details: dict) -> AccountAction:
    action = AccountAction.objects.create(
        user=user,
        done_by=by if by.is_authenticated else None,
        kind=kind,
        key=key,
        details=details,
    )
    audit.record(
        actor=by,
        action=f"user.{kind}",
        obj=user,
        changes={name: list(values) for name, values in details.items()},
    )
    if kind != Kind.INVITATION_RESENT:  # the invitation is its own e-mail
        from .tasks import send_account_notice  # noqa: PLC0415  the tasks import this module

        send_account_notice.delay_on_commit(action_id=action.pk)
    return action


def _keep_an_admin(user: User) -> None:
    if (
        user.is_active
        and selectors.role_of(user) == selectors.ROLE_ADMIN
        and not selectors.other_active_admin_exists(user=user)
    ):
        raise AccountActionError(
            _(
                "This is the last active platform admin: make someone else an admin"
                " first, or the platform would have nobody to manage it."
            )
        )


@transaction.atomic
def change_role(*, user: User, role: str, by: User, key: uuid.UUID) -> ActionResult:
    """Make the account a participant (no staff role), secretariat staff or platform admin.
    Takes effect on the person's next request; a superuser made staff or participant stops
    being a superuser."""
    if role not in selectors.ROLES:
        raise ValueError(f"unknown role {role!r}")
    user = _lock(user, admins_too=True)
    if earlier := _earlier(key):
        return ActionResult(earlier, repeated=True)
    old = selectors.role_of(user)
    if old == role:
        return ActionResult(None)
    if role != selectors.ROLE_ADMIN:
        _keep_an_admin(user)
    services.set_role(user=user, role=None if role == selectors.ROLE_PARTICIPANT else role)
    if role != selectors.ROLE_ADMIN and user.is_superuser:
        user.is_superuser = False
        user.save(update_fields=["is_superuser"])
    forget_roles(user)
    action = _record(
        user=user, by=by, kind=Kind.ROLE_CHANGED, key=key, details={"role": (old, role)}
    )
    return ActionResult(action)


@transaction.atomic
def deactivate_account(*, user: User, by: User, key: uuid.UUID) -> ActionResult:
    """The person can no longer sign in: their sessions end now (the next request of any of
    them is signed out) and do not come back if the account is reactivated."""
    user = _lock(user, admins_too=True)
    if earlier := _earlier(key):
        return ActionResult(earlier, repeated=True)
    if not user.is_active:
        return ActionResult(None)
    _keep_an_admin(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    action = _record(
        user=user, by=by, kind=Kind.DEACTIVATED, key=key, details={"is_active": (True, False)}
    )
    user_id = user.pk
    transaction.on_commit(lambda: end_sessions(user_id=user_id))
    return ActionResult(action)


@transaction.atomic
def reactivate_account(*, user: User, by: User, key: uuid.UUID) -> ActionResult:
    """The person can sign in again, with their role and two-factor as they were."""
    user = _lock(user)
    if earlier := _earlier(key):
        return ActionResult(earlier, repeated=True)
    if user.is_active:
        return ActionResult(None)
    user.is_active = True
    user.save(update_fields=["is_active"])
    action = _record(
        user=user, by=by, kind=Kind.REACTIVATED, key=key, details={"is_active": (False, True)}
    )
    return ActionResult(action)


@transaction.atomic
def reset_two_factor(*, user: User, by: User, key: uuid.UUID) -> ActionResult:
    """Remove the person's authenticators (app, recovery codes, security keys). They sign in
    with their password or an e-mailed code; staff and admins are then sent to set up an
    authenticator again before any other page (REQUIRE_STAFF_MFA)."""

    if user.pk == by.pk:
        # Removing one's own authenticator goes through allauth's page, which asks for
        # the password again; this page would let a borrowed session skip that.
        raise AccountActionError(
            _("Change your own two-factor authentication from your account's security page.")
        )
    user = _lock(user)
    if earlier := _earlier(key):
        return ActionResult(earlier, repeated=True)
    types = sorted(set(Authenticator.objects.filter(user=user).values_list("type", flat=True)))
    if not types:
        return ActionResult(None)
    Authenticator.objects.filter(user=user).delete()
    forget_roles(user)
    action = _record(
        user=user,
        by=by,
        kind=Kind.TWO_FACTOR_RESET,
        key=key,
        details={"authenticators": (types, [])},
    )
    return ActionResult(action)


@transaction.atomic
def resend_invitation(*, user: User, by: User, key: uuid.UUID) -> ActionResult:
    """E-mail the person a new link to choose their password (the account invitation)."""
    user = _lock(user)
    if earlier := _earlier(key):
        return ActionResult(earlier, repeated=True)
    if not user.is_active:
        raise AccountActionError(
            _("This account is deactivated: reactivate it before sending the invitation.")
        )
    services.invite_to_account(user=user)
    action = _record(
        user=user,
        by=by,
        kind=Kind.INVITATION_RESENT,
        key=key,
        details={"invitation": (None, "queued")},
    )
    return ActionResult(action)


def end_sessions(*, user_id: int) -> int:
    """End every session signed in as this user, in the database and in the cache.

    Django keeps no index of sessions by user, so each live session is decoded: a few
    hundred rows on this platform, and only when an admin deactivates someone. Deleting
    through the session engine clears the cached copy too (cached_db sessions)."""

    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user_id):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


# --- The e-mail to the person ----------------------------------------------------------

NOTICE_TEMPLATES = {
    Kind.ROLE_CHANGED: "role_changed",
    Kind.DEACTIVATED: "deactivated",
    Kind.REACTIVATED: "reactivated",
    Kind.TWO_FACTOR_RESET: "two_factor_reset",
}


def role_label(role: str) -> str:
    """The role's name in the active language."""

    return {
        selectors.ROLE_PARTICIPANT: pgettext("role", "Participant"),
        selectors.ROLE_STAFF: pgettext("role", "Secretariat staff"),
        selectors.ROLE_ADMIN: pgettext("role", "Platform admin"),
    }.get(role, role)


def notice_language(user: User) -> str:
    """The language the person reads the platform in (their participant record's first)."""

    return saved_language(user.email) or user.language or settings.LANGUAGE_CODE


def send_account_notice(*, action: AccountAction) -> None:
    """E-mail the person what an admin changed on their account, in their language."""

    user = action.user
    name = NOTICE_TEMPLATES[action.kind]
    role = selectors.role_of(user)
    staff_role = role in (selectors.ROLE_STAFF, selectors.ROLE_ADMIN)
    with translation.override(notice_language(user)):
        context = {
            "user": user,
            "site_url": settings.SITE_URL,
            "login_url": settings.SITE_URL + reverse("account_login"),
            "security_url": settings.SITE_URL + reverse("mfa_index"),
            # Staff pages require an authenticator app: say so when they will be asked.
            "two_factor_required": staff_role
            and settings.REQUIRE_STAFF_MFA
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
        }
        if action.kind == Kind.ROLE_CHANGED:
            old, new = action.details.get("role", [None, role])
            context["old_role"] = role_label(old)
            context["new_role"] = role_label(new)
        language = translation.get_language()
    compose(f"accounts/email/{name}", context, language=language).message(to=[user.email]).send()


# A task queued after a commit while Redis was away is logged, not queued
# (platform_site/celery.py): beat looks for such e-mails after UNSENT_AFTER, for
# RESEND_WITHIN (older ones are for an admin to look at, not for a machine to retry).
UNSENT_AFTER = dt.timedelta(minutes=10)
RESEND_WITHIN = dt.timedelta(days=2)


def requeue_unsent_account_mail(*, now: dt.datetime | None = None) -> int:
    """Queue again the notices and resent invitations of recent account actions that never
    went out. The tasks claim their row, so one still waiting in the queue sends once."""
    from .tasks import send_account_invitation, send_account_notice  # noqa: PLC0415  the tasks import this module

    now = now or timezone.now()
    recent = AccountAction.objects.filter(at__lte=now - UNSENT_AFTER, at__gte=now - RESEND_WITHIN)
    notices = list(
        recent.exclude(kind=Kind.INVITATION_RESENT)
        .filter(mail_sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    invitations = sorted(
        set(
            recent.filter(
                kind=Kind.INVITATION_RESENT,
                user__is_active=True,
                user__invitation_sent_at__isnull=True,
            ).values_list("user_id", flat=True)
        )
    )
    for action_id in notices:
        send_account_notice.delay(action_id=action_id)
    for user_id in invitations:
        send_account_invitation.delay(user_id=user_id)
    if notices or invitations:
        logger.warning(
            "re-queued %s account notices and %s account invitations",
            len(notices),
            len(invitations),
        )
    return len(notices) + len(invitations)
