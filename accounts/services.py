"""Writes about accounts: creating them for people, roles, remembered language."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import User
from .permissions import forget_roles
from .roles import ADMIN_GROUP, STAFF_GROUP


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
    from .tasks import send_account_invitation as task

    User.objects.filter(pk=user.pk).update(invitation_sent_at=None)
    task.delay_on_commit(user_id=user.pk)


def send_account_invitation(*, user: User) -> None:
    """E-mail the person a link to set their password, in their language."""
    with translation.override(user.language):
        context = {
            "user": user,
            "link": set_password_link(user=user),
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("accounts/email/account_invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/account_invitation_message.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def set_language(*, user: User, language: str) -> None:
    """Remember the user's language, on the account and on their participant record."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
    from participants.models import Participant

    Participant.objects.filter(user=user).update(preferred_language=language)
    forget_roles(user)
