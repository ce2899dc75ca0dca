"""The files in a backup: every file of the default storage (var/media or the S3 bucket),
backups and the erasure ledger excepted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage

from .backup_format import BackupError, Manifest
from .backup_storage import S3_PREFIX


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


def _restore_media(content: Path, manifest: Manifest) -> None:
    for name in media_names():
        default_storage.delete(name)
    for entry in manifest["files"]:
        with (content / "media" / entry["name"]).open("rb") as handle:
            saved = default_storage.save(entry["name"], File(handle))
        if saved != entry["name"]:
            raise BackupError(f"{entry['name']} was restored as {saved}: the storage renamed it.")
