"""A process that closes and reopens its database connection 3,000 times still answers.

On a SQLite file (the embedded default); tests/integration/test_reconnects.py does the
same against PostgreSQL, in-process and through gunicorn.
"""

import json
import os
import subprocess
import sys

from tests.servers import BASE_DIR

RECONNECTS = 3000


def run_reconnects(database_url: str, tmp_path, times: int = RECONNECTS) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "platform_site.settings",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "DEBUG": "false",
        "SECRET_KEY": "reconnect-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "CELERY_BROKER_URL": "",
        "CACHE_URL": "",
        "VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.reconnects", str(times)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_three_thousand_reconnects_on_sqlite(tmp_path):
    found = run_reconnects(f"sqlite:///{tmp_path / 'reconnects.sqlite3'}", tmp_path)
    assert found["opened"] >= RECONNECTS  # each request really opened a new connection
    assert found["statuses"] == {"200": RECONNECTS}
    assert found["answer"] == 1
    assert found["healthz_after"] == 200
    # Nothing is added to a connection each time it opens.
    assert found["execute_wrappers"] == [0, 0]
