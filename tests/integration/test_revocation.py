"""A revoked role is refused on the very next request, whatever the shared cache holds.

Through gunicorn with two workers sharing a Redis cache, as in production: sessions are
read through the cache, but roles and whether an account is active are read from the
database on every request. Also when Redis was away while the role was revoked and
comes back with everything it held (as with the compose file's persistent Redis), and
for a sign-out made while Redis was away.
"""

from __future__ import annotations

import pytest

from accounts import services
from tests import factories
from tests.integration.web import session_cookie_for
from tests.servers import RedisServer

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis():
    """A Redis that keeps its data across a restart: `_stop_keeping_data` and `_start_again` stop and starts it."""
    started = [RedisServer(persistent=True).start()]
    yield started
    for server in started:
        server.stop()


def _stop_keeping_data(redis) -> None:
    redis[-1].stop(cleanup=False)


def _start_again(redis) -> RedisServer:
    old = redis[-1]
    redis.append(RedisServer(base=old.base, port=old.port, persistent=True).start())
    return redis[-1]


def _warm(server, path, cookies, n=4):
    """Each of the two workers serves the page (and caches the session) at least once."""
    return [server.get(path, cookies=cookies)[0] for _ in range(n)]


@pytest.mark.parametrize(
    ("role", "path", "revoke", "refused"),
    [
        ("staff", "/staff/", lambda user: services.set_role(user=user, role=None), 403),
        ("admin", "/staff/audit/", lambda user: services.set_role(user=user, role="staff"), 403),
        (
            "staff",
            "/staff/",
            lambda user: type(user).objects.filter(pk=user.pk).update(is_active=False),
            302,  # a deactivated account is signed out: sent to sign-in
        ),
    ],
    ids=["staff-group-removed", "admin-demoted", "deactivated"],
)
def test_revoked_roles_are_refused_on_the_next_request_with_redis(
    gunicorn_server, redis, role, path, revoke, refused
):
    user = factories.UserFactory()
    services.set_role(user=user, role=role)
    cookies = session_cookie_for(user)
    server = gunicorn_server(workers=2, CACHE_URL=redis[0].url.replace("/0", "/1"))
    assert _warm(server, path, cookies) == [200] * 4
    revoke(user)
    # Every following request, on either worker, is refused.
    assert _warm(server, path, cookies) == [refused] * 4


def test_a_role_revoked_while_redis_was_away_is_refused_when_it_returns(gunicorn_server, redis):
    user = factories.UserFactory()
    services.set_role(user=user, role="staff")
    cookies = session_cookie_for(user)
    server = gunicorn_server(workers=2, CACHE_URL=redis[0].url.replace("/0", "/1"))
    assert _warm(server, "/staff/", cookies) == [200] * 4
    _stop_keeping_data(redis)
    # Revoked by another process while Redis is away; the app keeps serving meanwhile.
    services.set_role(user=user, role=None)
    assert _warm(server, "/staff/", cookies) == [403] * 4
    _start_again(redis)  # with the session it held before
    assert _warm(server, "/staff/", cookies, n=8) == [403] * 8


def test_a_sign_out_made_while_redis_was_away_holds_when_it_returns(gunicorn_server, redis):
    """The process that could not delete the session's copy drops every cached session
    before it reads anything once Redis answers again. One worker: with several, another
    worker that never saw Redis fail may read the old copy until this one has dropped it
    (at most a few seconds, on its next request; see platform_site/cache.py)."""
    user = factories.UserFactory()
    factories.ParticipantFactory(user=user, email=user.email)
    cookies = session_cookie_for(user)
    server = gunicorn_server(workers=1, CACHE_URL=redis[0].url.replace("/0", "/1"))
    assert _warm(server, "/portal/", cookies) == [200] * 4  # the session is now in Redis
    _stop_keeping_data(redis)
    status, _headers, _body = server.post("/accounts/logout/", {}, cookies=cookies)
    assert status == 302
    _start_again(redis)
    # Redis came back holding the session; the signed-out cookie must not work again.
    assert _warm(server, "/portal/", cookies, n=8) == [302] * 8
