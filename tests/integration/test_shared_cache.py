"""What allauth keeps in the cache works on the shared Redis, as in production: failed
sign-ins are counted across gunicorn workers, and a TOTP code is accepted only once
whichever process checks it. (tests/accounts/test_cache_uses.py: the same on the memory
cache of `make run`.)
"""

from __future__ import annotations

import pytest
from django.middleware.csrf import _get_new_csrf_string

from tests import factories
from tests.accounts.test_cache_uses import SECRET, current_code
from tests.conftest import PASSWORD
from tests.servers import RedisServer

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis():
    server = RedisServer().start()
    yield server
    server.stop()


def test_failed_sign_ins_are_counted_across_workers(gunicorn_server, redis):
    user = factories.UserFactory(email="limited.shared@example.org")
    factories.ParticipantFactory(user=user, email=user.email)
    server = gunicorn_server(workers=2, CACHE_URL=redis.url.replace("/0", "/1"))
    cookies = {"csrftoken": _get_new_csrf_string()}

    def sign_in(password: str) -> tuple[int, str]:
        status, _headers, body = server.post(
            "/accounts/login/", {"login": user.email, "password": password}, cookies=cookies
        )
        return status, body.decode()

    # settings.ACCOUNT_RATE_LIMITS: 5 failed sign-ins per account in 5 minutes. Each
    # request is a new connection, so both workers see some of them.
    for _ in range(5):
        status, page = sign_in("wrong password")
        assert status == 200
        assert "Too many failed login attempts" not in page
    status, page = sign_in(PASSWORD)
    assert status == 200
    assert "Too many failed login attempts" in page


def test_a_totp_code_is_accepted_once_with_redis(redis, settings):
    from allauth.mfa.totp.internal.auth import TOTP

    settings.CACHES = {
        "default": {
            "BACKEND": "platform_site.cache.ResilientRedisCache",
            "LOCATION": redis.url.replace("/0", "/1"),
        }
    }
    user = factories.UserFactory()
    totp = TOTP.activate(user, SECRET)
    code = current_code()
    assert totp.validate_code(code) is True
    assert totp.validate_code(code) is False
    # Kept in Redis, where every process looks: a fresh reader still refuses it.
    import redis as redis_client

    keys = redis_client.Redis.from_url(redis.url.replace("/0", "/1")).keys("*totp.used*")
    assert len(keys) == 1


def test_while_redis_is_away_failed_sign_ins_are_still_limited(gunicorn_server, redis):
    # The cache falls back to the worker's memory (platform_site/cache.py): one worker here,
    # so every attempt is counted by the same process.
    import json

    user = factories.UserFactory(email="limited.away@example.org")
    factories.ParticipantFactory(user=user, email=user.email)
    server = gunicorn_server(workers=1, CACHE_URL=redis.url.replace("/0", "/1"))
    redis.stop()
    status, _headers, body = server.get("/healthz/")
    state = json.loads(body)
    assert (status, state["cache"], state["status"]) == (200, "unavailable", "warning")
    assert "cache-unavailable" in state["warnings"]
    cookies = {"csrftoken": _get_new_csrf_string()}
    for _ in range(5):
        status, _headers, body = server.post(
            "/accounts/login/", {"login": user.email, "password": "wrong"}, cookies=cookies
        )
        assert status == 200
        assert "Too many failed login attempts" not in body.decode()
    status, _headers, body = server.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, cookies=cookies
    )
    assert "Too many failed login attempts" in body.decode()
