"""TOTP secrets at rest: a new SECRET_KEY or MFA key never answers 500; old keys rotate."""

from __future__ import annotations

import logging

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from cryptography.fernet import Fernet
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from accounts import services
from accounts.adapters import _derived_key

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXP"
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def current_code() -> str:
    import time

    from allauth.mfa import app_settings

    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(SECRET, counter))


@pytest.fixture(autouse=True)
def _codes_not_yet_used():
    # allauth remembers a used TOTP code in the cache and refuses it a second time; these
    # tests sign in more than once within one 30-second period.
    cache.clear()


def sign_in_with_totp(client, user):
    cache.clear()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "correct-horse-battery"}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    return client.post(reverse("mfa_authenticate"), {"code": current_code()})


@pytest.fixture
def staff_with_totp(staff_user, settings):
    settings.MFA_ENCRYPTION_KEY = KEY_A
    settings.MFA_ENCRYPTION_KEYS_OLD = []
    TOTP.activate(staff_user, SECRET)
    RecoveryCodes.activate(staff_user)
    return staff_user


def test_sign_in_works_with_the_key_the_secret_was_written_with(client, staff_with_totp):
    response = sign_in_with_totp(client, staff_with_totp)
    assert response.status_code == 302


def test_a_new_key_with_the_old_one_kept_still_signs_in_and_rotation_moves_every_secret(
    client, staff_with_totp, settings
):
    settings.MFA_ENCRYPTION_KEY = KEY_B
    settings.MFA_ENCRYPTION_KEYS_OLD = [KEY_A]
    assert sign_in_with_totp(client, staff_with_totp).status_code == 302

    assert services.rotate_mfa_secrets() == (2, 0)  # the TOTP secret and the recovery seed
    settings.MFA_ENCRYPTION_KEYS_OLD = []
    client.logout()
    assert sign_in_with_totp(client, staff_with_totp).status_code == 302
    # A second rotation has nothing left to move.
    assert services.rotate_mfa_secrets()[1] == 0


def test_changing_secret_key_keeps_totp_when_the_derived_key_is_kept_as_old(
    client, staff_user, settings
):
    settings.MFA_ENCRYPTION_KEY = ""
    TOTP.activate(staff_user, SECRET)
    old = _derived_key()
    settings.SECRET_KEY = "a-completely-new-secret-key-0123456789-abcdefghijklmnop"
    settings.MFA_ENCRYPTION_KEY = KEY_B
    settings.MFA_ENCRYPTION_KEYS_OLD = [old]
    assert sign_in_with_totp(client, staff_user).status_code == 302


def test_an_unreadable_secret_gives_a_clear_message_and_a_log_line_not_a_500(
    client, staff_with_totp, settings, caplog
):
    settings.MFA_ENCRYPTION_KEY = KEY_B  # KEY_A lost
    with caplog.at_level(logging.ERROR, logger="accounts.adapters"):
        response = sign_in_with_totp(client, staff_with_totp)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please ask an admin to reset your two-factor authentication" in html
    assert "cannot be decrypted" in caplog.text


def test_the_message_is_in_the_persons_language(client, staff_with_totp, settings):
    staff_with_totp.language = "th"
    staff_with_totp.save()
    settings.MFA_ENCRYPTION_KEY = KEY_B
    client.cookies["django_language"] = "th"
    html = sign_in_with_totp(client, staff_with_totp).content.decode()
    assert "ask an admin" not in html
    assert "ผู้ดูแลระบบ" in html


def test_other_pages_that_read_the_secret_answer_the_message_too(client, staff_with_totp, settings):
    assert sign_in_with_totp(client, staff_with_totp).status_code == 302
    settings.MFA_ENCRYPTION_KEY = KEY_B
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 200
    assert "Please ask an admin to reset your two-factor authentication" in (
        response.content.decode()
    )


def test_the_command_rotates_and_prints_the_derived_key(staff_with_totp, settings, capsys):
    settings.MFA_ENCRYPTION_KEY = KEY_B
    settings.MFA_ENCRYPTION_KEYS_OLD = [KEY_A]
    call_command("rotate_mfa_key")
    assert "2 re-encrypted, 0 could not be decrypted" in capsys.readouterr().out
    settings.MFA_ENCRYPTION_KEYS_OLD = []
    stored = Authenticator.objects.get(type=Authenticator.Type.TOTP)
    cache.clear()
    assert TOTP(stored).validate_code(current_code())
    call_command("rotate_mfa_key", "--print-derived-key")
    assert capsys.readouterr().out.strip() == _derived_key()
