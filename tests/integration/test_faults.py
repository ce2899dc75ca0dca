"""Faults while the app serves through gunicorn: PostgreSQL restarting, Redis going away.

The app must come back by itself: no restart of gunicorn, no page failing once the
service is back, and pages that do not need the broker keep rendering without it.
"""

from __future__ import annotations

import json
import time

import pytest
from django.db import connection

from tests import factories
from tests.integration.web import session_cookie_for
from tests.servers import RedisServer

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _participant_cookie():
    user = factories.UserFactory(email="fault.participant@example.org")
    factories.ParticipantFactory(user=user, email=user.email)
    return session_cookie_for(user)


def _statuses(server, path, cookies, n):
    return [server.get(path, cookies=cookies)[0] for _ in range(n)]


def test_postgresql_restart_is_survived_without_restarting_the_app(
    gunicorn_server, postgres_server
):
    cookies = _participant_cookie()
    server = gunicorn_server(workers=2)
    pid = server.process.pid
    # Every worker holds a persistent connection (CONN_MAX_AGE) before the restart.
    assert _statuses(server, "/portal/", cookies, 6) == [200] * 6

    postgres_server.restart()
    connection.close()  # this test process's own connection died with the server too

    # The health check on each reused connection notices, and Django reconnects.
    assert _statuses(server, "/portal/", cookies, 6) == [200] * 6
    status, _headers, body = server.get("/healthz/")
    assert status == 200
    assert json.loads(body)["database"] == "ok"
    assert server.process.pid == pid
    assert server.process.poll() is None


def test_the_app_keeps_serving_while_redis_is_down_and_recovers(gunicorn_server):
    redis = RedisServer().start()
    port = redis.port
    try:
        cookies = _participant_cookie()
        server = gunicorn_server(broker_url=redis.url)
        status, _, body = server.get("/healthz/")
        assert (status, json.loads(body)["broker"]) == (200, "ok")

        redis.stop()
        started = time.monotonic()
        status, _, body = server.get("/healthz/")
        assert status == 503
        state = json.loads(body)
        assert (state["database"], state["broker"], state["status"]) == ("ok", "down", "degraded")
        assert time.monotonic() - started < 10  # a dead broker must not hang the health check
        # Pages that do not queue work render as usual.
        assert _statuses(server, "/portal/", cookies, 3) == [200] * 3
        assert server.get("/accounts/login/")[0] == 200

        redis = RedisServer(port=port).start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            status, _, body = server.get("/healthz/")
            if status == 200:
                break
            time.sleep(0.5)
        assert (status, json.loads(body)["broker"]) == (200, "ok")
        assert server.process.poll() is None
    finally:
        redis.stop()
