"""allauth adapters: no open sign-up, and MFA secrets encrypted at rest."""

from __future__ import annotations

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by the secretariat only (accounts.services).
        return False


def _fernet() -> Fernet:
    key = settings.MFA_ENCRYPTION_KEY
    if not key:
        digest = hashlib.sha256(f"mfa-at-rest:{settings.SECRET_KEY}".encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    return Fernet(key)


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
            raise ValueError("MFA secret cannot be decrypted with the configured key") from exc
