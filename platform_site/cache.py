"""Django's Redis cache, made to degrade instead of fail while Redis is away.

The shared cache holds copies of sessions (Django's `cached_db` engine keeps them in the
database), allauth's rate limit counters and used TOTP codes; none of it is the only copy
of anything. So when Redis stops, reads miss and writes are dropped, and the site keeps
serving from the database: a Redis outage must cost speed, not pages (the fault tests stop
Redis under a running site). Roles and whether an account is active are never kept here:
they are read from the database on every request.

After a failure the cache is not asked again for RETRY_AFTER seconds, so a dead server
costs one connection attempt per process every few seconds rather than one per call.
When it answers again, the copies of sessions it holds are dropped: a sign-out made
meanwhile deleted the session from the database but could not delete its copy here.
"""

from __future__ import annotations

import logging
import time

from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_KEY_PREFIX
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0


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

    def _call(self, name: str, default, *args, **kwargs):
        if self._down_until and time.monotonic() < self._down_until:
            return default
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
                logger.warning("cache unavailable, carrying on without it: %s", exc)
            self._failed = True
            self._down_until = time.monotonic() + RETRY_AFTER
            return default

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

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def set(self, *args, **kwargs):
        return self._call("set", None, *args, **kwargs)

    def add(self, *args, **kwargs):
        # "Stored" while away: a dead cache holds no key that could clash, and allauth reads
        # False as "locked" or "TOTP code already used", which would lock everyone out.
        return self._call("add", True, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", None, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", [], *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", False, *args, **kwargs)

    def incr(self, key, delta=1, version=None):
        sentinel = object()
        result = self._call("incr", sentinel, key, delta, version)
        if result is sentinel:
            # Callers treat a missing key as ValueError (allauth's rate limits start over).
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    def clear(self):
        return self._call("clear", False)
