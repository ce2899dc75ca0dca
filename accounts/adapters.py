"""allauth adapters: no open sign-up, allauth's e-mails on SITE_URL in the recipient's
language, and MFA secrets encrypted at rest (with key rotation)."""

from __future__ import annotations

import base64
import hashlib
import logging
from dataclasses import replace
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.mail import MAIL_RETRY_ERRORS, compose, header_safe

from .models import User
from .permissions import participant_model

logger = logging.getLogger(__name__)


def saved_language(email: str) -> str | None:
    """The language the person with this address chose (participant record first, as on
    every page they see), or None when no account has the address."""

    user = User.objects.filter(email__iexact=email).only("pk", "language").first()
    if user is None:
        return None
    preferred = (
        participant_model()
        .objects.filter(user=user)
        .exclude(preferred_language="")
        .values_list("preferred_language", flat=True)
        .first()
    )
    language = preferred or user.language
    return language if language in dict(settings.LANGUAGES) else None


def site_link(path: str) -> str:
    return settings.SITE_URL + path


class AccountAdapter(DefaultAccountAdapter):
    """Every e-mail allauth sends (password reset, sign-in code, address confirmation, the
    "no account" answer) links to SITE_URL, never to the host a request happened to name,
    and is written in the recipient's saved language, whatever the requesting browser
    sent. The templates are ours (templates/account/email/), translated in locale/."""

    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by the secretariat only (accounts.services).
        return False

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_link(path.replace("UID-KEY", key))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return site_link(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def format_email_subject(self, subject: str) -> str:
        return header_safe(super().format_email_subject(subject))

    def render_mail(self, template_prefix: str, email, context: dict, headers=None):
        """allauth's e-mails composed like every other e-mail of the platform (common.mail);
        `send_mail` below has already chosen the language."""
        mail = compose(template_prefix, context, language=translation.get_language())
        mail = replace(mail, subject=self.format_email_subject(mail.subject))
        message = mail.message(
            to=[email] if isinstance(email, str) else list(email), headers=headers
        )
        message.from_email = self.get_from_email()
        return message

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = dict(context)
        # Links allauth built from the request (the reset page in the "no account" answer)
        # are moved onto SITE_URL; the site named in the e-mail is SITE_URL's.
        request = getattr(self, "request", None)
        host = request.get_host() if request is not None else None
        for key, value in context.items():
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                parts = urlsplit(value)
                if parts.netloc == host:
                    context[key] = site_link(parts._replace(scheme="", netloc="").geturl())
        context["login_url"] = site_link(reverse("account_login"))
        context["current_site"] = SimpleNamespace(
            name=_("Regional Peer Learning Platform"), domain=urlsplit(settings.SITE_URL).netloc
        )
        context["site_url"] = settings.SITE_URL
        language = saved_language(email) or translation.get_language()
        try:
            with translation.override(language):
                super().send_mail(template_prefix, email, context)
        except (*MAIL_RETRY_ERRORS, OSError):
            # The mail server is unreachable (OSError also covers a name that does not
            # resolve). The person asked for the e-mail and is waiting for it: say it was
            # not sent, in their page's language, instead of an error page. No address in
            # the log.
            logger.exception("allauth e-mail %s not sent", template_prefix)
            if request is not None:
                messages.error(
                    request,
                    _(
                        "We could not send the e-mail just now. Nothing is wrong with your"
                        " account: please try again in a few minutes."
                    ),
                )


# --- MFA secrets at rest ----------------------------------------------------------------


def _derived_key() -> str:
    digest = hashlib.sha256(f"mfa-at-rest:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def mfa_keys() -> list[str]:
    """Keys for TOTP secrets, newest first: MFA_ENCRYPTION_KEY (or, without it, one derived
    from SECRET_KEY), then each of MFA_ENCRYPTION_KEYS_OLD, which only decrypt."""
    keys = [settings.MFA_ENCRYPTION_KEY or _derived_key()]
    keys += [key for key in settings.MFA_ENCRYPTION_KEYS_OLD if key]
    return keys


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in mfa_keys()])


class UndecryptableSecretError(ValueError):
    """A stored TOTP secret none of the configured keys opens (SECRET_KEY or the MFA key
    changed without the old one in MFA_ENCRYPTION_KEYS_OLD)."""


class MFAAdapter(DefaultMFAAdapter):
    PREFIX = "fernet:"

    def encrypt(self, text: str) -> str:
        return self.PREFIX + _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(self.PREFIX):
            return encrypted_text  # written before encryption was on
        try:
            return _fernet().decrypt(encrypted_text[len(self.PREFIX) :].encode()).decode()
        except InvalidToken as exc:
            logger.error(
                "a TOTP secret cannot be decrypted with MFA_ENCRYPTION_KEY or any key in "
                "MFA_ENCRYPTION_KEYS_OLD; the person must have their two-factor reset"
            )
            raise UndecryptableSecretError("MFA secret cannot be decrypted") from exc
