"""Django code run in a fresh Python process, for what a test cannot see in its own:
settings read from the environment at start-up, the log configuration, or SQLite locking
between separate connections.

`run_python` starts the code with this environment plus `env`; `probe` also checks it ended
well and reads the JSON object its last line printed. `sqlite_env` and `production_env`
are the two environments the probes start from.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

# A made-up production secret: long and varied enough for `check --deploy`.
PRODUCTION_SECRET_KEY = "x8#f2kL9!qP0zR7vW3mN6bT1yU4iO5aS8dF2gH7jK0lZ9xC3vB6nM1qW4eR7tY0u"


def run_python(
    code: str, *args: str, env: dict[str, str], timeout: int, check: bool = False
) -> subprocess.CompletedProcess:
    """`python -c code args` in the project folder, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )


def probe(code: str, *args: str, env: dict[str, str], timeout: int) -> dict:
    """The JSON object the last line of the code's output holds; its error if it failed."""
    result = run_python(code, *args, env=env, timeout=timeout)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def sqlite_env(tmp_path: Path) -> dict[str, str]:
    """The test settings on a fresh SQLite file (each connection its own, as in production)."""
    return {
        "DJANGO_SETTINGS_MODULE": "platform_site.settings_test",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The production settings (DEBUG off) for one host, on a fresh SQLite file."""
    return {
        "DJANGO_SETTINGS_MODULE": "platform_site.settings",
        "DEBUG": "false",
        "SECRET_KEY": PRODUCTION_SECRET_KEY,
        "ALLOWED_HOSTS": "platform.example.org",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        **extra,
    }
