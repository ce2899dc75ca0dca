"""The accounts page's actions on PostgreSQL and Redis, as in production.

Two admins demoting each other at the same moment leave one admin (the rows are locked),
and a deactivation ends the person's session in the shared cache too: gunicorn workers
that read sessions through Redis sign the person out, and reactivating the account does
not bring that session back.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.db import connection

from accounts import managing, selectors, services
from accounts.models import User
from platform_site.settings import env
from tests import factories
from tests.integration.web import session_cookie_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_two_admins_demoting_each_other_at_once_leave_one_admin(monkeypatch):
    first = factories.UserFactory(email="first.admin@example.org")
    second = factories.UserFactory(email="second.admin@example.org")
    for user in (first, second):
        services.set_role(user=user, role="admin")

    # Both transactions are inside the check at once unless the lock makes one wait.
    real_check = selectors.other_active_admin_exists

    def slow_check(*, user):
        time.sleep(0.5)
        return real_check(user=user)

    monkeypatch.setattr(selectors, "other_active_admin_exists", slow_check)
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def demote(name, target, by):
        start.wait()
        try:
            managing.change_role(user=target, role="staff", by=by, key=uuid.uuid4())
            outcomes[name] = "demoted"
        except managing.AccountActionError:
            outcomes[name] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=demote, args=("second", second, first)),
        threading.Thread(target=demote, args=("first", first, second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["demoted", "refused"]
    admins = [u for u in User.objects.all() if selectors.role_of(u) == selectors.ROLE_ADMIN]
    assert len(admins) == 1


def test_deactivation_ends_the_session_cached_in_redis_for_good(
    gunicorn_server, redis_server, settings
):
    cache_url = redis_server.url.replace("/0", "/1")
    # This process deletes sessions through the same cache the web workers read.
    cache = env.cache_url_config(cache_url)
    cache["BACKEND"] = "platform_site.cache.ResilientRedisCache"
    settings.CACHES = {"default": cache}
    admin = factories.UserFactory(email="admin@example.org")
    services.set_role(user=admin, role="admin")
    user = factories.UserFactory(email="leaver@example.org")
    factories.ParticipantFactory(user=user, email=user.email)
    cookies = session_cookie_for(user)
    server = gunicorn_server(workers=2, CACHE_URL=cache_url)
    # Each worker reads the session and keeps it in Redis.
    assert [server.get("/portal/", cookies=cookies)[0] for _ in range(4)] == [200] * 4

    managing.deactivate_account(user=user, by=admin, key=uuid.uuid4())
    assert [server.get("/portal/", cookies=cookies)[0] for _ in range(4)] == [302] * 4
    managing.reactivate_account(user=user, by=admin, key=uuid.uuid4())
    assert [server.get("/portal/", cookies=cookies)[0] for _ in range(4)] == [302] * 4

    # The check can fail: a session made now, after the reactivation, works.
    fresh = session_cookie_for(user)
    assert server.get("/portal/", cookies=fresh)[0] == 200
