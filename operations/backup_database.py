"""The database in a backup: PostgreSQL's own `pg_dump --format=custom` (restored in one
transaction), or SQLite's online backup API for the embedded set-up; and the migrations
applied, so a backup of a newer schema is refused by older code."""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from .backup_format import BackupError

# --- The schema ---------------------------------------------------------------------------


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def newer_migrations(applied: dict[str, list[str]]) -> list[str]:
    """Migrations in a backup that this version of the code does not have."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(
        f"{app}.{name}"
        for app, names in applied.items()
        for name in names
        if (app, name) not in known
    )


# --- The database -------------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGCONNECT_TIMEOUT": "10"}
    for key, var in (("USER", "PGUSER"), ("HOST", "PGHOST"), ("PORT", "PGPORT")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(args: list[str], **kwargs) -> None:
    result = subprocess.run(args, capture_output=True, env=_pg_env(), **kwargs)
    if result.returncode != 0:
        raise BackupError(
            f"{Path(args[0]).name} failed: {result.stderr.decode(errors='replace')[-2000:]}"
        )


def _pg_tool(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return found[0] if found else (shutil.which(name) or name)


def _dump_database(folder: Path) -> str:
    if connection.vendor == "postgresql":
        path = folder / "database.dump"
        _run(
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "-f",
                str(path),
            ]
        )
        return path.name
    if connection.vendor == "sqlite":
        path = folder / "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return path.name
    raise BackupError(f"Backups of a {connection.vendor} database are not supported.")


def _restore_database(path: Path, *, engine: str) -> None:
    if engine != connection.vendor:
        raise BackupError(
            f"This backup is of a {engine} database; this platform runs on {connection.vendor}."
        )
    connections.close_all()
    if engine == "postgresql":
        # pg_restore writes the dump out as SQL first: a dump it cannot read stops here.
        # Then the schema is emptied and the SQL loaded in ONE transaction (psql -1 with
        # ON_ERROR_STOP): if any statement fails, the database is as it was.
        script = path.with_suffix(".sql")
        _run(
            [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "-f", str(script), str(path)]
        )
        try:
            _run(
                [
                    _pg_tool("psql"),
                    "--quiet",
                    "--no-psqlrc",
                    "--single-transaction",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-c",
                    "DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
                    "-f",
                    str(script),
                ]
            )
        except BackupError as exc:
            raise BackupError(f"The database was not restored (it is unchanged): {exc}") from exc
        finally:
            script.unlink(missing_ok=True)
        return
    source = sqlite3.connect(path)
    try:
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()
