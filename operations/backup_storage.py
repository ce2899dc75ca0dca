"""Where backups live (BACKUP_DIR, or the S3 bucket under `backups/`), how a finished file
is put there all or nothing, and which old ones go (retention).

A backup is written under a temporary name, flushed to disk and renamed (or, for S3,
uploaded whole): a file with the final name is always complete.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File

from .backup_format import BackupError

NAME_RE = re.compile(r"^platform-(\d{8}-\d{6})\.backup$")
S3_PREFIX = "backups/"


@dataclass(frozen=True)
class BackupFile:
    name: str
    taken_at: dt.datetime
    size: int


def _s3_storage():
    # django-storages is needed only with S3: a set-up on local disk runs without it.
    from storages.backends.s3 import S3Storage  # noqa: PLC0415  optional: installed only for S3

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
