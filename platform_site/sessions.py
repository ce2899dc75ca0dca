"""Sessions in the database, read through the cache under the data version.

Django's `cached_db` engine, except that a cached session is used only while the data
version it was stored under is current (platform_site/page_cache.py): a session read
from the cache is never older than the last write, and signing out (deleting the row)
counts as one. With the page cache off (PAGE_CACHE_SECONDS = 0) it is the plain
database engine.
"""

from __future__ import annotations

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore

from . import page_cache


class SessionStore(CachedDBStore):
    def load(self):
        if not page_cache.enabled() or not self.session_key:
            return DBStore.load(self)
        data = page_cache.get_current(self.cache_key)
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
            self._cache.delete(self.cache_key_prefix + session_key)
