"""The throwaway environment of a benchmark run: settings for the app, a database per
scale, seeding, and running the app's own commands and bench modules in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

from tests.servers import PostgresServer

BASE_DIR = Path(__file__).resolve().parent.parent
SETTINGS = "bench.settings"
SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def bench_env(*, database_url: str, var_dir: Path, cache_url: str = "") -> dict[str, str]:
    return {
        "CACHE_URL": cache_url,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "REQUIRE_STAFF_MFA": "false",
        "CELERY_BROKER_URL": "",
        "EMAIL_URL": "",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def create_database(pg: PostgresServer, name: str) -> str:
    connection = psycopg2.connect(host="127.0.0.1", port=pg.port, user=pg.user, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return pg.url(name)


def seed(env: dict[str, str], scale: int) -> float:
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo", "--scale", str(scale))
    return time.perf_counter() - started


def probe(env: dict[str, str]) -> list[dict]:
    """Paths, cookies and the queries of each page."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.probe"],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])["pages"]


def json_from(module: str, env: dict[str, str], *args: str, timeout: float = 900) -> dict:
    """Run `python -m module args` with this env; the JSON object on its last stdout line."""
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
