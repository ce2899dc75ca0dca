"""Fixtures for integration tests that need the app served by a real gunicorn process."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import TEST_DB_NAME
from tests.integration.web import GunicornServer, collect_static


@pytest.fixture(scope="session")
def web_var_dir():
    """VAR_DIR of the gunicorn processes, with collected static files (production storage)."""
    path = Path(tempfile.mkdtemp(prefix="platform-web-var-"))
    collect_static({"VAR_DIR": str(path), "DEBUG": "false", "SECRET_KEY": "collectstatic-only"})
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def gunicorn_server(postgres_server, web_var_dir, transactional_db, settings):
    """Start gunicorn on the test database: `gunicorn_server(broker_url=..., workers=...)`.

    Extra keyword arguments are environment variables (e.g. CACHE_URL=...).

    Data the test commits is visible to it (transactional_db). Every server started is
    stopped after the test; its log is printed on failure by pytest's captured output.
    """
    started: list[GunicornServer] = []

    def start(*, broker_url: str = "", workers: int = 2, threads: int = 1, **env) -> GunicornServer:
        server = GunicornServer(
            env={
                "DATABASE_URL": postgres_server.url(TEST_DB_NAME),
                "CELERY_BROKER_URL": broker_url,
                # As in production: with Redis, the cache (sessions, rate limits) lives in it too (database 1).
                "CACHE_URL": broker_url.replace("/0", "/1") if broker_url else "",
                "VAR_DIR": str(web_var_dir),
                "MEDIA_ROOT": str(settings.MEDIA_ROOT),
                "SECRET_KEY": settings.SECRET_KEY,
                "REQUIRE_STAFF_MFA": "false",
                "EMAIL_URL": "",
                "LOG_LEVEL": "WARNING",
                **env,
            },
            workers=workers,
            threads=threads,
        ).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
        print(server.log_text()[-3000:])
