"""What allauth keeps in the cache still works on the cache `make run` uses (this
process's memory): a TOTP code is accepted once, and failed sign-ins are counted.
tests/integration/test_shared_cache.py does the same on Redis, across gunicorn workers.

Also: templates are compiled once per process (the cached loader) whenever DEBUG is off.
"""

from __future__ import annotations

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.urls import reverse

from tests import factories
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXP"


def current_code(secret: str = SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def test_a_totp_code_is_accepted_once():
    cache.clear()
    user = factories.UserFactory()
    totp = TOTP.activate(user, SECRET)
    code = current_code()
    assert totp.validate_code(code) is True
    # Replaying the same code (say, read over a shoulder) is refused: the cache remembers it.
    assert totp.validate_code(code) is False


def test_failed_sign_ins_are_limited_per_address(client, settings):
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/key"}
    user = factories.UserFactory(email="limited@example.org")
    url = reverse("account_login")
    for _ in range(3):
        response = client.post(url, {"login": user.email, "password": "wrong password"})
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.content.decode()
    # The fourth try is refused before the password is looked at, even the right one.
    response = client.post(url, {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_templates_are_compiled_once_per_process(settings):
    assert settings.DEBUG is False
    engine = engines["django"].engine
    assert not engine.debug
    assert [type(loader) for loader in engine.template_loaders] == [CachedLoader]
    # Nothing in the settings names loaders, so Django picks them (cached when DEBUG is off).
    assert "loaders" not in settings.TEMPLATES[0].get("OPTIONS", {})
