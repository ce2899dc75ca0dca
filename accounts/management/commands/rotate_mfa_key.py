"""Re-encrypt TOTP secrets with MFA_ENCRYPTION_KEY (after moving the old key to
MFA_ENCRYPTION_KEYS_OLD), or print the key derived from SECRET_KEY to keep as an old key."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.adapters import _derived_key
from accounts.services import rotate_mfa_secrets


class Command(BaseCommand):
    help = "Re-encrypt every stored TOTP secret with MFA_ENCRYPTION_KEY."

    def add_arguments(self, parser):
        parser.add_argument(
            "--print-derived-key",
            action="store_true",
            help="Print the key derived from the current SECRET_KEY (set it in "
            "MFA_ENCRYPTION_KEYS_OLD before changing SECRET_KEY or setting MFA_ENCRYPTION_KEY).",
        )

    def handle(self, *args, print_derived_key: bool = False, **options):
        if print_derived_key:
            self.stdout.write(_derived_key())
            return
        done, failed = rotate_mfa_secrets()
        self.stdout.write(f"{done} re-encrypted, {failed} could not be decrypted")
        if failed:
            self.stderr.write(
                "Some secrets open with no configured key: ask an admin to reset those "
                "people's two-factor authentication (see the log for the ids)."
            )
