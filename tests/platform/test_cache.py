"""The shared cache (platform_site/cache.py) misses instead of failing while Redis is away;
sessions and roles behave with Django's own engine and backends (unit level; through
gunicorn and Redis in tests/integration/test_revocation.py)."""

import socket
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from platform_site.cache import ResilientRedisCache

HOME = "convenings:portal-home"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_redis_cache_misses_instead_of_failing():
    cache = ResilientRedisCache(f"redis://127.0.0.1:{_closed_port()}/1", {})
    started = time.monotonic()
    assert cache.get("k", "default") == "default"
    assert cache.add("k", "v") is True
    assert cache.get_many(["a", "b"]) == {}
    with pytest.raises(ValueError, match="not found"):
        cache.incr("counter")
    assert cache.available() is False
    # One failed connection, then calls skip the server for a while.
    assert time.monotonic() - started < 2


def test_while_redis_is_away_limits_and_used_codes_hold_in_this_process():
    # allauth counts failed sign-ins with add/incr and marks a used TOTP code with add:
    # a cache that forgot them would let an attacker guess on and reuse a code.
    cache = ResilientRedisCache(f"redis://127.0.0.1:{_closed_port()}/1", {})
    assert cache.add("allauth:totp.used:1:123456", 1, timeout=90) is True
    assert cache.add("allauth:totp.used:1:123456", 1, timeout=90) is False
    cache.set("allauth:rl:login_failed", 1)
    assert cache.incr("allauth:rl:login_failed") == 2
    assert cache.get("allauth:rl:login_failed") == 2


def test_while_redis_is_away_sessions_are_not_kept_in_this_process():
    # A sign-out handled by another process could not delete a copy kept here.
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX

    cache = ResilientRedisCache(f"redis://127.0.0.1:{_closed_port()}/1", {})
    key = KEY_PREFIX + "abc"
    cache.set(key, {"_auth_user_id": "1"})
    cache.set_many({key + "2": {}, "other": 1})
    assert cache.add(key, {}) is True
    assert cache.get(key) is None
    assert cache.get_many([key, key + "2", "other"]) == {"other": 1}


@pytest.mark.django_db
def test_healthz_warns_while_the_shared_cache_is_unavailable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "platform_site.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/1",
        }
    }
    response = client.get("/healthz/")
    # The site serves (the database is what it cannot do without): 200, but not "ok".
    assert response.status_code == 200
    state = response.json()
    assert (state["cache"], state["status"]) == ("unavailable", "warning")
    assert "cache-unavailable" in state["warnings"]


def test_standard_session_engine_and_backends():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert settings.AUTHENTICATION_BACKENDS == [
        "django.contrib.auth.backends.ModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend",
    ]


@pytest.mark.django_db
def test_a_signed_out_session_is_refused_at_once(participant, participant_client):
    assert participant_client.get(reverse(HOME)).status_code == 200
    stolen = Client()
    for name, morsel in participant_client.cookies.items():  # the same session, copied
        stolen.cookies[name] = morsel.value
    assert stolen.get(reverse(HOME)).status_code == 200  # the session is now in the cache
    participant_client.post(reverse("account_logout"))
    response = stolen.get(reverse(HOME))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_a_deactivated_account_is_refused_at_once(participant, participant_client):
    assert participant_client.get(reverse(HOME)).status_code == 200
    type(participant.user).objects.filter(pk=participant.user_id).update(is_active=False)
    response = participant_client.get(reverse(HOME))
    assert response.status_code == 302
