"""Backups of the database and of every uploaded or generated file, and their restore.

A backup is one file, `platform-YYYYMMDD-HHMMSS.backup`, in BACKUP_DIR or in the S3 bucket
under `backups/`. Inside, once decrypted, is a tar archive of:

- `database.dump`: PostgreSQL's own `pg_dump --format=custom`, or `database.sqlite3` made
  with SQLite's online backup API for the embedded set-up;
- `media/<name>`: every file of the default storage (var/media or the S3 bucket);
- `manifest.json`: when it was taken, the database engine, the migrations applied (so a
  newer backup is refused by older code) and each file's size and SHA-256.

Encryption is Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`), with the key from
BACKUP_ENCRYPTION_KEY. Fernet seals one message at a time, so the archive is sealed in
chunks of CHUNK bytes; each chunk carries its number and a last-chunk flag inside the seal,
so a reordered, truncated or extended file is refused, not half-restored.

A backup is written under a temporary name, flushed to disk and renamed (or, for S3,
uploaded whole): a file with the final name is always complete.

Restore decrypts and checks the whole file before touching anything, refuses a backup of a
newer schema, then replaces the database (in one transaction for PostgreSQL) and the
files, migrates (a backup from an older version is brought up to date), re-applies the
erasures recorded in the erasure ledger (operations/ledger.py), and empties the cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

MAGIC = b"PLATFORM-BACKUP-1\n"
CHUNK = 4 * 1024 * 1024
NAME_RE = re.compile(r"^platform-(\d{8}-\d{6})\.backup$")
S3_PREFIX = "backups/"
# Longer than any backup or restore runs (the backup task's hard limit is 4 hours): work
# left older than this was killed mid-way and is removed by the next backup.
LEFTOVER_SECONDS = 5 * 3600


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


# --- Keys and encryption ---------------------------------------------------------------


def _fernet() -> MultiFernet:
    keys = [k.strip() for k in settings.BACKUP_ENCRYPTION_KEY.split(",") if k.strip()]
    if not keys:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY is not set. Make one with: python manage.py backup --new-key"
        )
    try:
        return MultiFernet([Fernet(k) for k in keys])
    except ValueError as exc:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY is not a valid Fernet key (32 url-safe base64-encoded bytes)."
        ) from exc


def encrypt_file(source: Path, target, *, fernet: MultiFernet | None = None) -> None:
    """Seal `source` into the open binary file `target`, chunk by chunk."""
    fernet = fernet or _fernet()
    target.write(MAGIC)
    size = source.stat().st_size
    with source.open("rb") as plain:
        index = 0
        while True:
            data = plain.read(CHUNK)
            last = plain.tell() >= size
            token = fernet.encrypt(struct.pack(">QB", index, int(last)) + data)
            target.write(struct.pack(">I", len(token)) + token)
            index += 1
            if last:
                return


def decrypt_file(source, target) -> None:
    """Open the sealed binary file `source` into the open binary file `target`. Raises
    BackupError for a wrong key or a damaged file, before the caller uses any of it."""
    fernet = _fernet()
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("This is not a platform backup file.")
    index = 0
    while True:
        header = source.read(4)
        if len(header) < 4:
            raise BackupError("The backup file is incomplete (it ends before its last part).")
        (length,) = struct.unpack(">I", header)
        token = source.read(length)
        if len(token) < length:
            raise BackupError("The backup file is incomplete (it ends before its last part).")
        try:
            plain = fernet.decrypt(token)
        except InvalidToken as exc:
            if index == 0:
                raise BackupError(
                    "The encryption key does not open this backup: check BACKUP_ENCRYPTION_KEY."
                ) from exc
            raise BackupError("The backup file is damaged (a part does not verify).") from exc
        number, last = struct.unpack(">QB", plain[:9])
        if number != index:
            raise BackupError("The backup file is damaged (its parts are out of order).")
        target.write(plain[9:])
        index += 1
        if last:
            if source.read(1):
                raise BackupError("The backup file is damaged (data after its last part).")
            return


# --- Where backups live -----------------------------------------------------------------


@dataclass(frozen=True)
class BackupFile:
    name: str
    taken_at: dt.datetime
    size: int


def _s3_storage():
    from storages.backends.s3 import S3Storage

    options = {**settings.STORAGES["default"].get("OPTIONS", {})}
    options["location"] = S3_PREFIX.rstrip("/")
    options["file_overwrite"] = True
    return S3Storage(**options)


def _taken_at(name: str) -> dt.datetime | None:
    match = NAME_RE.match(name)
    if not match:
        return None
    return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)


def list_backups() -> list[BackupFile]:
    """Complete backups, newest first (temporary files of a backup under way are not listed)."""
    found = []
    if settings.BACKUP_TO_S3:
        storage = _s3_storage()
        _dirs, names = storage.listdir("")
        for name in names:
            taken = _taken_at(name)
            if taken:
                found.append(BackupFile(name, taken, storage.size(name)))
    elif settings.BACKUP_DIR.is_dir():
        for path in settings.BACKUP_DIR.iterdir():
            taken = _taken_at(path.name)
            if taken and path.is_file():
                found.append(BackupFile(path.name, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _store(sealed: Path, name: str) -> None:
    """Put the finished, sealed file in place under its final name, all or nothing."""
    if settings.BACKUP_TO_S3:
        # An S3 object appears only when its upload completes.
        with sealed.open("rb") as handle:
            _s3_storage().save(name, File(handle))
        return
    folder = settings.BACKUP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{name}.partial"
    try:
        shutil.copyfile(sealed, partial)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, folder / name)
        _fsync_dir(folder)
    finally:
        partial.unlink(missing_ok=True)


def _delete(name: str) -> None:
    if settings.BACKUP_TO_S3:
        _s3_storage().delete(name)
    else:
        (settings.BACKUP_DIR / name).unlink(missing_ok=True)


def _fetch(name: str, target: Path) -> None:
    if not NAME_RE.match(name):
        raise BackupError(f"{name!r} is not a backup name (see: manage.py list_backups).")
    if settings.BACKUP_TO_S3:
        storage = _s3_storage()
        if not storage.exists(name):
            raise BackupError(f"There is no backup called {name}.")
        with storage.open(name, "rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
        return
    path = settings.BACKUP_DIR / name
    if not path.is_file():
        raise BackupError(f"There is no backup called {name} in {settings.BACKUP_DIR}.")
    shutil.copyfile(path, target)


# --- Retention ---------------------------------------------------------------------------


def backups_to_prune(backups: list[BackupFile], *, now: dt.datetime) -> list[BackupFile]:
    """Every backup of the last BACKUP_KEEP_DAYS days stays; older ones, the newest of each
    ISO week stays for BACKUP_KEEP_WEEKS weeks; the rest go. The newest backup always stays."""
    keep_days = now - dt.timedelta(days=settings.BACKUP_KEEP_DAYS)
    keep_weeks = now - dt.timedelta(weeks=settings.BACKUP_KEEP_WEEKS)
    kept_weeks: set[tuple[int, int]] = set()
    prune = []
    for index, backup in enumerate(sorted(backups, key=lambda b: b.taken_at, reverse=True)):
        week = backup.taken_at.isocalendar()[:2]
        if index == 0 or backup.taken_at >= keep_days:
            kept_weeks.add(week)
            continue
        if backup.taken_at >= keep_weeks and week not in kept_weeks:
            kept_weeks.add(week)
            continue
        prune.append(backup)
    return prune


# --- The schema ---------------------------------------------------------------------------


def applied_migrations() -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def newer_migrations(applied: dict[str, list[str]]) -> list[str]:
    """Migrations in a backup that this version of the code does not have."""
    from django.db.migrations.loader import MigrationLoader

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
    import glob

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


# --- Files ------------------------------------------------------------------------------


def _walk(storage, folder: str = "") -> Iterator[str]:
    dirs, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(dirs):
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def media_names() -> list[str]:
    """Every uploaded or generated file. With BACKUP_TO_S3 the backups and the erasure
    ledger share the bucket under backups/: they are not media (never backed up into the
    next backup, never deleted by a restore)."""
    try:
        names = list(_walk(default_storage))
    except FileNotFoundError:  # an empty var/media that was never made
        return []
    if settings.BACKUP_TO_S3:
        names = [name for name in names if not name.startswith(S3_PREFIX)]
    return names


# --- Backup -----------------------------------------------------------------------------


def _sweep_leftovers() -> None:
    """A backup or restore killed mid-way (the task's hard time limit, an out-of-memory
    kill, a restart) cannot clean up after itself: its work folder holds an UNENCRYPTED
    copy of the database and files, and its .partial file takes disk space. Both are
    removed once older than any backup runs; fresh ones may be a backup under way."""
    import time

    cutoff = time.time() - LEFTOVER_SECONDS
    scratch = Path(tempfile.gettempdir())
    leftovers = [*scratch.glob("platform-backup-*"), *scratch.glob("platform-restore-*")]
    if not settings.BACKUP_TO_S3 and settings.BACKUP_DIR.is_dir():
        leftovers += settings.BACKUP_DIR.glob(".platform-*.backup.partial")
    for path in leftovers:
        try:
            if path.stat().st_mtime >= cutoff:
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:  # another process's, or already gone: not ours to fail on
            continue
        logger.warning("left-over of an interrupted backup removed", extra={"path": path.name})


def create_backup(*, now: dt.datetime | None = None) -> BackupFile:
    """Take one backup and prune old ones. Raises BackupError (nothing is left behind)."""
    fernet = _fernet()  # no key: refuse before any work
    _sweep_leftovers()
    now = (now or timezone.now()).astimezone(dt.UTC).replace(microsecond=0)
    name = f"platform-{now:%Y%m%d-%H%M%S}.backup"
    with tempfile.TemporaryDirectory(prefix="platform-backup-") as tmp:
        work = Path(tmp)
        database = _dump_database(work)
        manifest = {
            "format": 1,
            "taken_at": now.isoformat(),
            "engine": connection.vendor,
            "database": database,
            "schema": {
                "latest": {app: names[-1] for app, names in applied_migrations().items()},
                "applied": applied_migrations(),
            },
            "files": [],
        }
        archive = work / "backup.tar"
        with tarfile.open(archive, "w") as tar:
            tar.add(work / database, arcname=database)
            for media in media_names():
                digest = hashlib.sha256()
                with default_storage.open(media, "rb") as handle, tempfile.TemporaryFile() as copy:
                    for block in iter(lambda: handle.read(1024 * 1024), b""):
                        digest.update(block)
                        copy.write(block)
                    size = copy.tell()
                    copy.seek(0)
                    info = tarfile.TarInfo(f"media/{media}")
                    info.size = size
                    info.mtime = int(now.timestamp())
                    tar.addfile(info, copy)
                manifest["files"].append(
                    {"name": media, "size": size, "sha256": digest.hexdigest()}
                )
            body = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(body)
            info.mtime = int(now.timestamp())
            tar.addfile(info, io.BytesIO(body))
        sealed = work / name
        with sealed.open("wb") as out:
            encrypt_file(archive, out, fernet=fernet)
        _store(sealed, name)
        size = sealed.stat().st_size
    logger.info("backup written", extra={"backup": name, "bytes": size})
    for old in backups_to_prune(list_backups(), now=now):
        _delete(old.name)
        logger.info("old backup removed", extra={"backup": old.name})
    return BackupFile(name, now, size)


def record_success(backup: BackupFile) -> None:
    """A backup worked (beat's or an operator's `manage.py backup`): the health check's
    clock starts again and a failure warning clears."""
    from .services import clear_alert, record_heartbeat

    record_heartbeat(name="backup")  # now, when it is written: after any earlier failure
    clear_alert(key="backup-failed")


def scheduled_backup() -> BackupFile | None:
    """The beat-scheduled backup: a failure is logged and e-mailed to admins once (until a
    backup succeeds again) and shown on /healthz/ and the dashboard until then (the time
    of the failure is kept as the `backup-failed` heartbeat); success is recorded for the
    health check."""
    from .health import Problem
    from .services import raise_alerts, record_heartbeat

    try:
        backup = create_backup()
    except Exception:
        logger.exception("backup failed")
        record_heartbeat(name="backup-failed")
        raise_alerts(problems=[Problem(key="backup-failed", kind="backup-failed")])
        return None
    record_success(backup)
    return backup


# --- Restore ----------------------------------------------------------------------------


@dataclass
class RestoreResult:
    manifest: dict
    erasures_reapplied: int


def open_backup(name: str, work: Path) -> dict:
    """Fetch, decrypt and unpack a backup into `work`; returns its manifest. Touches
    nothing else: a wrong key, a damaged file or a newer schema stop here."""
    sealed = work / "sealed"
    _fetch(name, sealed)
    archive = work / "backup.tar"
    with sealed.open("rb") as source, archive.open("wb") as out:
        decrypt_file(source, out)
    sealed.unlink()
    with tarfile.open(archive) as tar:
        tar.extractall(work / "content", filter="data")
    archive.unlink()
    content = work / "content"
    manifest = json.loads((content / "manifest.json").read_text())
    newer = newer_migrations(manifest["schema"]["applied"])
    if newer:
        raise BackupError(
            "This backup was taken by a newer version of the platform (its database has "
            f"migrations this version does not know: {', '.join(newer[:5])}"
            f"{'…' if len(newer) > 5 else ''}). Upgrade the platform first, then restore."
        )
    for entry in manifest["files"]:
        path = content / "media" / entry["name"]
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            raise BackupError(f"The backup file is damaged: {entry['name']} does not verify.")
    return manifest


def _restore_media(content: Path, manifest: dict) -> None:
    for name in media_names():
        default_storage.delete(name)
    for entry in manifest["files"]:
        with (content / "media" / entry["name"]).open("rb") as handle:
            saved = default_storage.save(entry["name"], File(handle))
        if saved != entry["name"]:
            raise BackupError(f"{entry['name']} was restored as {saved}: the storage renamed it.")


def restore_backup(name: str) -> RestoreResult:
    from django.core.cache import cache
    from django.core.management import call_command

    from .ledger import reapply_erasures

    with tempfile.TemporaryDirectory(prefix="platform-restore-") as tmp:
        work = Path(tmp)
        manifest = open_backup(name, work)
        content = work / "content"
        _restore_database(content / manifest["database"], engine=manifest["engine"])
        _restore_media(content, manifest)
    # A backup of an older version is brought up to this version's schema.
    call_command("migrate", interactive=False, verbosity=0)
    erased = reapply_erasures(since=dt.datetime.fromisoformat(manifest["taken_at"]))
    # Pages and sessions cached before the restore describe the old data.
    cache.clear()
    logger.info("backup restored", extra={"backup": name, "erasures_reapplied": erased})
    return RestoreResult(manifest=manifest, erasures_reapplied=erased)
