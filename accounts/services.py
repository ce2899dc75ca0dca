"""Writes about accounts: creating them for people, roles, remembered language."""

from __future__ import annotations

import logging

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from cryptography.fernet import InvalidToken
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from common.mail import compose
from common.zones import is_known_zone

from .adapters import MFAAdapter, _fernet
from .audit import record
from .models import User
from .permissions import forget_roles, participant_model
from .roles import ADMIN_GROUP, STAFF_GROUP

logger = logging.getLogger(__name__)


@transaction.atomic
def create_account(
    *, email: str, name: str = "", language: str = "en", password: str | None = None
) -> User:
    """An account with a verified address (the secretariat vouches for it)."""
    user = User.objects.create_user(email=email, password=password, name=name, language=language)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@transaction.atomic
def set_role(*, user: User, role: str | None) -> None:
    """role: 'staff', 'admin' or None (participant only). Takes effect on the next request."""
    groups = {
        name: Group.objects.get_or_create(name=name)[0] for name in (STAFF_GROUP, ADMIN_GROUP)
    }
    user.groups.remove(*groups.values())
    if role == "staff":
        user.groups.add(groups[STAFF_GROUP])
    elif role == "admin":
        user.groups.add(groups[ADMIN_GROUP])
    # Django's admin (accounts, roles, managed lists such as framework commitments) is for
    # platform admins only (platform_site/urls.py asks accounts.permissions.is_admin);
    # is_staff follows that, for anything else that reads Django's flag.
    user.is_staff = role == "admin"
    user.save(update_fields=["is_staff"])
    forget_roles(user)


def set_password_link(*, user: User) -> str:
    """An absolute link where the person chooses their password (allauth's reset-from-key)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def invite_to_account(*, user: User) -> None:
    """Queue the account e-mail; sent once by accounts.tasks after this transaction commits."""
    from .tasks import send_account_invitation as task  # noqa: PLC0415  the tasks import this module

    User.objects.filter(pk=user.pk).update(invitation_sent_at=None)
    task.delay_on_commit(user_id=user.pk)


def send_account_invitation(*, user: User) -> None:
    """E-mail the person a link to set their password, in their language."""
    context = {"user": user, "link": set_password_link(user=user), "site_url": settings.SITE_URL}
    mail = compose("accounts/email/account_invitation", context, language=user.language)
    mail.message(to=[user.email]).send()


@transaction.atomic
def set_language(*, user: User, language: str) -> None:
    """Remember the user's language, on the account and on their participant record."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language

    participant_model().objects.filter(user=user).update(preferred_language=language)
    forget_roles(user)


@transaction.atomic
def set_time_zone(*, user: User, time_zone: str) -> None:
    """A staff member's own zone: the weekly digest arrives in its morning, and pages not
    about one convening show times in it. Blank: the platform's default zone."""

    if time_zone and not is_known_zone(time_zone):
        raise ValueError(f"unknown time zone {time_zone!r}")
    if time_zone == user.time_zone:
        return
    User.objects.filter(pk=user.pk).update(time_zone=time_zone)
    record(
        actor=user,
        action="user.updated",
        obj=user,
        changes={"time_zone": [user.time_zone, time_zone]},
    )
    user.time_zone = time_zone
    forget_roles(user)


def rotate_mfa_secrets() -> tuple[int, int]:
    """Re-encrypt every stored TOTP secret and recovery-code seed with MFA_ENCRYPTION_KEY.

    Secrets written under a key in MFA_ENCRYPTION_KEYS_OLD (or the key derived from
    SECRET_KEY) are rewritten under the current key, after which the old key can be
    dropped. Returns (authenticators rewritten, authenticators no key could open); the
    second are logged by the adapter and need an admin to reset that person's two-factor.
    """

    fernet = _fernet()
    prefix = MFAAdapter.PREFIX

    def rotated(value):
        if isinstance(value, str) and value.startswith(prefix):
            return prefix + fernet.rotate(value[len(prefix) :].encode()).decode()
        if isinstance(value, list):
            return [rotated(item) for item in value]
        if isinstance(value, dict):
            return {key: rotated(item) for key, item in value.items()}
        return value

    done = failed = 0
    with transaction.atomic():
        for authenticator in Authenticator.objects.select_for_update().order_by("pk"):
            try:
                data = rotated(authenticator.data)
            except InvalidToken:
                failed += 1
                logger.error(
                    "MFA authenticator %s cannot be decrypted with any key", authenticator.pk
                )
                continue
            if data != authenticator.data:
                Authenticator.objects.filter(pk=authenticator.pk).update(data=data)
                done += 1
    return done, failed
