"""Sessions in the database, read through the cache under the data version.

Django's `cached_db` engine, except that a cached session is used only while the data
version it was stored under is current (platform_site/page_cache.py): a session read
from the cache is never older than the last write, and signing out (deleting the row)
counts as one. The signed-in user is kept beside the session and fetched in the same
round trip (see `accounts.backends`). With the page cache off (PAGE_CACHE_SECONDS = 0)
it is the plain database engine.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore

from . import page_cache

# This request's session key and the user kept beside it, if any.
_signed_in: ContextVar[tuple[str, object | None] | None] = ContextVar(
    "page_cache_signed_in", default=None
)


def _user_key(session_key: str) -> str:
    return f"page-cache:session-user:{session_key}"


def new_request(**kwargs) -> None:
    """`request_started` receiver."""
    _signed_in.set(None)


def user_of_this_session(user_id) -> object | None:
    """The user kept beside this request's session, if it is this user and still current."""
    entry = _signed_in.get()
    if entry is None or entry[1] is None or str(entry[1].pk) != str(user_id):
        return None
    return entry[1]


def keep_user_of_this_session(user, *, version: int) -> None:
    entry = _signed_in.get()
    if entry is not None:
        page_cache.set_current(_user_key(entry[0]), user, version=version)


class SessionStore(CachedDBStore):
    def load(self):
        if not page_cache.enabled() or not self.session_key:
            return DBStore.load(self)
        user_key = _user_key(self.session_key)
        found = page_cache.get_current_many([self.cache_key, user_key])
        _signed_in.set((self.session_key, found.get(user_key)))
        data = found.get(self.cache_key)
        if data is None:
            version = page_cache.data_version()
            data = DBStore.load(self)
            if data:
                page_cache.set_current(self.cache_key, data, version=version)
        return data

    def exists(self, session_key):
        return DBStore.exists(self, session_key)

    def save(self, must_create=False):
        DBStore.save(self, must_create)
        page_cache.set_current(self.cache_key, self._session)

    def delete(self, session_key=None):
        DBStore.delete(self, session_key)
        session_key = session_key or self.session_key
        if session_key and page_cache.enabled():
            self._cache.delete_many([self.cache_key_prefix + session_key, _user_key(session_key)])
