"""Pages, sessions and signed-in users kept in the cache until anything is written.

Most visits read: a participant opens the same home and Briefings pages again and again,
staff go back and forth between a convening and the directory. Three things every such
request needs are kept in the cache (Redis in production, `CACHE_URL`), so a repeat visit
costs a few cache reads instead of queries and template work:

* the HTML of the pages decorated with `cached_page`, per session;
* the session itself (`platform_site.sessions`, written through to the database);
* the signed-in user with their participant record and roles (`accounts.backends`).

All three are exactly as fresh as a new read, because each is stored with the "data
version" it was read under and used only while that version is current:

* Every INSERT, UPDATE or DELETE made through Django (any app, any process, the Celery
  worker included) replaces the version when it is committed: at once in autocommit,
  else when its transaction commits (inside a test case, whose transaction never
  commits, at once). Something read from data that was about to change carries a version
  that is already gone. Nothing is stored from inside a transaction. Saving a session and logging a download do not count
  (see IGNORED_TABLES); deleting a session (signing out) does.
* The page key holds everything the HTML depends on besides the database: the session,
  the CSRF cookie (forms carry tokens derived from it), the language, the full path with
  its query, htmx or not, and today's date. No page is ever served to another session.
* Pages with a message waiting (after a form was sent), other status codes, and anything
  but GET and HEAD are never stored; entries also expire after PAGE_CACHE_SECONDS, which
  bounds anything that depends on the clock.
* Should the cache be unreachable for a while, the version is replaced when it answers
  again (platform_site/cache.py): writes made meanwhile could not say so.

The permission decorators run first (put `cached_page` below them), so a revoked role or a
deactivated person is refused before any stored page is looked at.

PAGE_CACHE_SECONDS = 0 turns all three off. It is on by default only with a shared cache
(`CACHE_URL`): per-process memory caches would not hear of other processes' writes.
"""

from __future__ import annotations

import hashlib
import time
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpResponse
from django.utils import timezone

VERSION_KEY = "page-cache:data-version"
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE")
# Tables whose new or changed rows alone change nothing that is kept. Every signed-in
# request may save its session (deleting one, a logout, still counts); every download
# adds a log row, which only the engagement figures show, and the pages that show them
# (the staff dashboard and engagement overview) are not kept.
IGNORED_TABLES = ('"django_session"', '"briefings_briefingdownload"')

# The version as this request first read it: one cache read per request, not one per use.
_request_version: ContextVar[int | None] = ContextVar("page_cache_version", default=None)


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


# --- The data version -----------------------------------------------------------------
# A fresh clock reading rather than a count: should the key be evicted or lost while old
# entries remain, a new version can never meet them again.


def data_version() -> int:
    version = _request_version.get()
    if version is None:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY, 0)
        _request_version.set(version)
    return version


def new_request(**kwargs) -> None:
    """`request_started` receiver: the next read of the version asks the cache again."""
    _request_version.set(None)


def bump() -> None:
    _request_version.set(None)
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def forget_version(backend) -> None:
    """After the cache was unreachable: writes made meanwhile could not bump the version."""
    _request_version.set(None)
    backend.set(VERSION_KEY, time.time_ns(), timeout=None)


def get_current_many(keys: list[str]) -> dict[str, Any]:
    """The values stored under these keys that were read under the current data version."""
    if not enabled():
        return {}
    if _request_version.get() is None:
        # The request's first read: fetch the version in the same round trip.
        found = cache.get_many([VERSION_KEY, *keys])
        if VERSION_KEY in found:
            _request_version.set(found.pop(VERSION_KEY))
    else:
        found = cache.get_many(keys)
    version = data_version()
    return {key: stored[1] for key, stored in found.items() if stored[0] == version}


def get_current(key: str) -> Any | None:
    """The value stored under `key` if it was read under the current data version."""
    return get_current_many([key]).get(key)


def set_current(key: str, value: Any, *, version: int | None = None) -> None:
    """Store `value` with the data version it was read under (default: this request's).

    Not from inside a transaction: what it read there may yet be rolled back."""
    if enabled() and not _transactions(connections["default"])[0]:
        version = data_version() if version is None else version
        cache.set(key, (version, value), timeout=settings.PAGE_CACHE_SECONDS)


# --- Noticing writes ------------------------------------------------------------------


def _is_write(sql: str) -> bool:
    head = sql.lstrip()[:6].upper()
    if head not in WRITE_VERBS:
        return False
    if head == "DELETE":
        return True
    start = sql[:80]
    return not any(table in start for table in IGNORED_TABLES)


def _transactions(connection) -> tuple[bool, bool]:
    """(inside a transaction of our own, inside a test's transaction that never commits)."""
    blocks = connection.atomic_blocks
    from_tests = sum(1 for block in blocks if getattr(block, "_from_testcase", False))
    return len(blocks) > from_tests, from_tests > 0


def _watch(alias: str):
    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if enabled() and isinstance(sql, str) and _is_write(sql):
            connection = connections[alias]
            own, test = _transactions(connection)
            if not own or test:
                # Committed already (autocommit), or inside a test case, whose
                # transaction never commits: the version cannot wait for a commit.
                bump()
            if own and not any(func is bump for _s, func, _r in connection.run_on_commit):
                # Others cannot see the write before the commit; once is enough.
                transaction.on_commit(bump, using=alias)
        return result

    return wrapper


def watch_writes(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: count every write made through this connection."""
    connection.execute_wrappers.append(_watch(connection.alias))


# --- Pages ----------------------------------------------------------------------------


def _key(request) -> str:
    parts = [
        request.session.session_key or "",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path(),
        "htmx" if request.headers.get("HX-Request") else "",
        timezone.localdate().isoformat(),
    ]
    return "page-cache:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cacheable_request(request) -> bool:
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and request.user.is_authenticated
        and bool(request.session.session_key)
        and settings.CSRF_COOKIE_NAME in request.COOKIES
        and not len(messages.get_messages(request))
    )


def cached_page(view):
    """Serve this view's HTML from the cache while nothing has been written (see above)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        version = data_version()  # before the view reads anything
        stored = get_current(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not len(messages.get_messages(request))
        ):
            set_current(key, (response.content, response["Content-Type"]), version=version)
        return response

    return wrapped
