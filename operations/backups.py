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

The pieces live by topic: `backup_format` (the sealed file), `backup_storage` (where
backups live, retention), `backup_database` (dump, restore, schema) and `backup_media`
(the files). This module takes and restores a backup with them; every name stays
importable from here.

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
import shutil
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from .backup_database import _dump_database, _restore_database, applied_migrations, newer_migrations
from .backup_format import BackupError, Manifest, _fernet, decrypt_file, encrypt_file
from .backup_media import _restore_media, media_names
from .backup_storage import BackupFile, _delete, _fetch, _store, backups_to_prune, list_backups
from .health import Problem
from .ledger import reapply_erasures
from .services import clear_alert, raise_alerts, record_heartbeat

__all__ = [
    "BackupError",
    "BackupFile",
    "RestoreResult",
    "applied_migrations",
    "backups_to_prune",
    "create_backup",
    "decrypt_file",
    "encrypt_file",
    "list_backups",
    "media_names",
    "open_backup",
    "record_success",
    "restore_backup",
    "scheduled_backup",
]

logger = logging.getLogger(__name__)

# Longer than any backup or restore runs (the backup task's hard limit is 4 hours): work
# left older than this was killed mid-way and is removed by the next backup.
LEFTOVER_SECONDS = 5 * 3600

# --- Backup -----------------------------------------------------------------------------


def _sweep_leftovers() -> None:
    """A backup or restore killed mid-way (the task's hard time limit, an out-of-memory
    kill, a restart) cannot clean up after itself: its work folder holds an UNENCRYPTED
    copy of the database and files, and its .partial file takes disk space. Both are
    removed once older than any backup runs; fresh ones may be a backup under way."""
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
        manifest: Manifest = {
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
    record_heartbeat(name="backup")  # now, when it is written: after any earlier failure
    clear_alert(key="backup-failed")


def scheduled_backup() -> BackupFile | None:
    """The beat-scheduled backup: a failure is logged and e-mailed to admins once (until a
    backup succeeds again) and shown on /healthz/ and the dashboard until then (the time
    of the failure is kept as the `backup-failed` heartbeat); success is recorded for the
    health check."""
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
    manifest: Manifest
    erasures_reapplied: int


def open_backup(name: str, work: Path) -> Manifest:
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
    manifest: Manifest = json.loads((content / "manifest.json").read_text())
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


def restore_backup(name: str) -> RestoreResult:
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
