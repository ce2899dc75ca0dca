"""System checks for sign-in: the key that encrypts TOTP secrets.

Without MFA_ENCRYPTION_KEY the key is derived from SECRET_KEY, so rotating SECRET_KEY would
leave every stored TOTP secret unreadable; `check --deploy` therefore requires the key
whenever DEBUG is off. A key that is not a Fernet key breaks every TOTP sign-in, so that is
checked always.
"""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def mfa_encryption_key_is_set(app_configs, **kwargs) -> list[Error]:
    if settings.DEBUG or settings.MFA_ENCRYPTION_KEY:
        return []
    return [
        Error(
            "MFA_ENCRYPTION_KEY is not set: TOTP secrets are encrypted with a key derived "
            "from SECRET_KEY, and changing SECRET_KEY would lock every staff member out.",
            hint='Generate one with `python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"` and set MFA_ENCRYPTION_KEY. If '
            "TOTP is already in use, put the old derived key in MFA_ENCRYPTION_KEYS_OLD "
            "(`manage.py rotate_mfa_key --print-derived-key`) and run `manage.py rotate_mfa_key`.",
            id="accounts.E001",
        )
    ]


@register(Tags.security)
def mfa_encryption_keys_are_fernet_keys(app_configs, **kwargs) -> list[Error]:
    errors = []
    named = [("MFA_ENCRYPTION_KEY", settings.MFA_ENCRYPTION_KEY)] + [
        ("MFA_ENCRYPTION_KEYS_OLD", key) for key in settings.MFA_ENCRYPTION_KEYS_OLD
    ]
    for name, key in named:
        if not key:
            continue
        try:
            Fernet(key)
        except (ValueError, TypeError):
            errors.append(
                Error(
                    f"{name} holds a value that is not a Fernet key "
                    "(32 url-safe base64-encoded bytes).",
                    id="accounts.E002",
                )
            )
    return errors
