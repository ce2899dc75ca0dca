"""allauth's two-factor code forms, answering a clear message instead of a server error
when the stored TOTP secret cannot be decrypted (see accounts.adapters.MFAAdapter)."""

from __future__ import annotations

from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .adapters import UndecryptableSecretError

MFA_UNREADABLE = _(
    "Your two-factor sign-in cannot be checked at the moment. Please ask an admin to reset "
    "your two-factor authentication; you can then set it up again."
)


class _ClearWhenUnreadable:
    def clean_code(self) -> str:
        try:
            return super().clean_code()
        except UndecryptableSecretError as exc:
            raise forms.ValidationError(MFA_UNREADABLE, code="mfa_unreadable") from exc


class MFAAuthenticateForm(_ClearWhenUnreadable, AuthenticateForm):
    pass


class MFAReauthenticateForm(_ClearWhenUnreadable, ReauthenticateForm):
    pass
