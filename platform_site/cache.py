"""Django's Redis cache, made to degrade instead of fail while Redis is away.

The shared cache holds copies of sessions (Django's `cached_db` engine keeps them in the
database), allauth's rate limit counters and used TOTP codes. When Redis stops the site
keeps serving: a Redis outage must cost speed, not pages (the fault tests stop Redis under
a running site). Sessions then miss and are read from the database. Everything else goes to
a memory cache of this process meanwhile (Django's LocMemCache): without it the sign-in
rate limits would count nothing and a used TOTP code would be accepted again, so they hold
per process rather than not at all. Sessions never go there: a sign-out handled by another
process could not delete a copy kept here. Roles and whether an account is active are never
kept in the cache: they are read from the database on every request.

After a failure the cache is not asked again for RETRY_AFTER seconds, so a dead server
costs one connection attempt per process every few seconds rather than one per call.
When it answers again, the copies of sessions it holds are dropped: a sign-out made
meanwhile deleted the session from the database but could not delete its copy here.
"""

from __future__ import annotations

import logging
import time

from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_KEY_PREFIX
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
_FALLBACK = object()  # "answer from the fallback", as opposed to a fixed miss
# Keys the fallback holds while Redis is away: rate limit counters and used codes of the
# people signing in meanwhile (LocMemCache's default of 300 would cull them early).
FALLBACK_MAX_ENTRIES = 50_000


class _ReusedClients(RedisCacheClient):
    """One redis.Redis per pool, not one per call: building one costs more than a GET."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # Fail fast: a cache that takes seconds to answer is worse than none.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._class = _ReusedClients
        self._down_until = 0.0
        self._failed = False
        self._fallback = LocMemCache(
            f"platform-site-fallback-{id(self)}",
            {**params, "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES}},
        )

    def _call(self, name: str, *args, miss=_FALLBACK, **kwargs):
        """Redis's answer; while Redis is away, `miss` or else the fallback's answer."""
        if self._down_until and time.monotonic() < self._down_until:
            return self._without_redis(name, miss, args, kwargs)
        try:
            if self._failed:
                # Back after a failure: before anything is read, drop the sessions kept
                # here (a sign-out made meanwhile could not reach them).
                self._drop_sessions()
                self._failed = False
                self._down_until = 0.0
                logger.warning("cache available again; cached sessions dropped")
            return getattr(super(), name)(*args, **kwargs)
        except RedisError as exc:
            if not self._failed:
                logger.warning("cache unavailable, using this process's memory: %s", exc)
            self._failed = True
            self._down_until = time.monotonic() + RETRY_AFTER
            return self._without_redis(name, miss, args, kwargs)

    def _without_redis(self, name, miss, args, kwargs):
        if miss is not _FALLBACK:
            return miss
        if name in ("get_many", "delete_many"):
            args = ([key for key in args[0] if not _is_session(key)], *args[1:])
        elif name == "set_many":
            items = {key: value for key, value in args[0].items() if not _is_session(key)}
            args = (items, *args[1:])
        return getattr(self._fallback, name)(*args, **kwargs)

    def available(self) -> bool:
        """Whether Redis answers (asked at most once every RETRY_AFTER seconds)."""
        self._call("has_key", "platform-site:cache-probe")
        return not self._failed

    def _drop_sessions(self) -> None:
        """Delete every cached session; the next request reads its session from the database."""
        client = self._cache.get_client(write=True)
        pattern = self.make_key(SESSION_KEY_PREFIX + "*")
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)

    # Sessions never go to the fallback: while Redis is away they miss, and are read from
    # and written to the database only (`miss` is what a dead cache answers).

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version, miss=_session_miss(key, default))

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version)

    def set(self, key, *args, **kwargs):
        return self._call("set", key, *args, miss=_session_miss(key, None), **kwargs)

    def add(self, key, *args, **kwargs):
        # True for a session: "stored" while away (a dead cache holds no clashing key).
        return self._call("add", key, *args, miss=_session_miss(key, True), **kwargs)

    def touch(self, key, *args, **kwargs):
        return self._call("touch", key, *args, miss=_session_miss(key, False), **kwargs)

    def delete(self, key, *args, **kwargs):
        return self._call("delete", key, *args, miss=_session_miss(key, False), **kwargs)

    def delete_many(self, keys, *args, **kwargs):
        return self._call("delete_many", keys, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._call("set_many", data, *args, **kwargs)

    def has_key(self, key, *args, **kwargs):
        return self._call("has_key", key, *args, miss=_session_miss(key, False), **kwargs)

    def incr(self, key, delta=1, version=None):
        # A missing key raises ValueError in both (allauth's rate limits start over).
        return self._call("incr", key, delta, version)

    def clear(self):
        self._fallback.clear()
        return self._call("clear")


def _is_session(key) -> bool:
    return isinstance(key, str) and key.startswith(SESSION_KEY_PREFIX)


def _session_miss(key, answer):
    return answer if _is_session(key) else _FALLBACK
