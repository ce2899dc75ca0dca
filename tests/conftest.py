"""Shared fixtures: people in each role, and the real servers for `integration` tests.

A run whose selected tests include any marked `integration` uses a throwaway PostgreSQL
for the whole session (see django_db_modify_db_settings); Redis and the Celery worker
start only when a test asks for them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from accounts import services as account_services
from tests import factories
from tests.servers import CeleryWorker, PostgresServer, RedisServer

NEEDS_SERVERS = pytest.StashKey[bool]()
TEST_DB_NAME = "test_platform"
PASSWORD = "correct-horse-battery"


def pytest_collection_finish(session):
    # After -m deselection: only a run that really includes integration tests uses PostgreSQL.
    session.config.stash[NEEDS_SERVERS] = any(
        item.get_closest_marker("integration") for item in session.items
    )


# --- Real servers ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server():
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    """Point Django at a throwaway PostgreSQL when integration tests are selected."""
    if not request.config.stash.get(NEEDS_SERVERS, False):
        return
    from django.db import connections

    pg = request.getfixturevalue("postgres_server")
    db = connections.databases["default"]
    db.update(
        ENGINE="django.db.backends.postgresql",
        NAME="platform",
        USER=pg.user,
        PASSWORD="",
        HOST="127.0.0.1",
        PORT=str(pg.port),
        CONN_MAX_AGE=0,
        CONN_HEALTH_CHECKS=True,
        OPTIONS={"connect_timeout": 5},
        TEST={**db.get("TEST", {}), "NAME": TEST_DB_NAME},
    )
    # A connection object made before the switch would still speak SQLite.
    if "default" in connections:
        del connections["default"]


@pytest.fixture(scope="session")
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def worker_var_dir():
    path = Path(tempfile.mkdtemp(prefix="platform-worker-var-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def worker_env(*, postgres_server, redis_url: str, var_dir: Path) -> dict[str, str]:
    from django.conf import settings

    return {
        "DATABASE_URL": postgres_server.url(TEST_DB_NAME),
        "CELERY_BROKER_URL": redis_url,
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "false",
        "EMAIL_URL": "",
        "LOG_LEVEL": "INFO",
    }


@pytest.fixture
def celery_worker(
    request, postgres_server, redis_server, worker_var_dir, live_broker, transactional_db
):
    """A real worker process on the real broker and database; stopped after the test."""
    worker = CeleryWorker(
        env=worker_env(
            postgres_server=postgres_server, redis_url=redis_server.url, var_dir=worker_var_dir
        )
    ).start()
    yield worker
    worker.stop()


def reset_broker_connections(app) -> None:
    """Drop pooled broker connections so the next publish uses the current broker_url."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    # kombu keeps its own process-wide pools too; a stale one answers "Acquire on closed pool".
    import kombu.pools

    kombu.pools.reset()


@pytest.fixture
def live_broker(redis_server, settings):
    """Publish tasks to the real Redis instead of running them in-process."""
    from platform_site.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    settings.CELERY_BROKER_URL = redis_server.url
    app.conf.broker_url = redis_server.url
    app.conf.task_always_eager = False
    reset_broker_connections(app)
    yield redis_server
    app.conf.update(saved)
    reset_broker_connections(app)


def read_mail(path: Path) -> list:
    """The messages in one file written by Django's file e-mail backend."""
    import email
    import email.policy

    separator = "-" * 79
    chunks = [c.strip("\n") for c in path.read_text().split(separator) if c.strip()]
    return [email.message_from_string(c, policy=email.policy.default) for c in chunks]


def mail_files(var_dir: Path) -> list[Path]:
    folder = var_dir / "mail"
    return sorted(folder.glob("*.log")) if folder.exists() else []


# --- People in each role ----------------------------------------------------------------


@pytest.fixture
def staff_user(db):
    user = factories.UserFactory(email="staff@example.org")
    account_services.set_role(user=user, role="staff")
    return user


@pytest.fixture
def admin_user(db):
    user = factories.UserFactory(email="admin@example.org")
    account_services.set_role(user=user, role="admin")
    return user


@pytest.fixture
def participant(db):
    user = factories.UserFactory(email="participant@example.org")
    return factories.ParticipantFactory(user=user, email=user.email, full_name="Siriporn Example")


@pytest.fixture
def participant_user(participant):
    return participant.user


@pytest.fixture
def other_user(db):
    """Signed in, but neither staff nor participant."""
    return factories.UserFactory(email="nobody@example.org")


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(staff_user):
    return _client_for(staff_user)


@pytest.fixture
def admin_client_(admin_user):
    return _client_for(admin_user)


@pytest.fixture
def participant_client(participant_user):
    return _client_for(participant_user)


@pytest.fixture(autouse=True)
def _english_to_begin_with():
    """Each test starts in English: a request in another language activates it in the test's
    thread (accounts.middleware), and factories would then fill that language's columns."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded and generated files go to a per-test folder."""
    if os.environ.get("PLATFORM_KEEP_MEDIA"):
        return
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _isolated_backups(settings, tmp_path):
    """Backups and the erasure ledger (written by every erasure) go to a per-test folder."""
    settings.BACKUP_DIR = tmp_path / "backups"
