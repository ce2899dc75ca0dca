"""The sealed backup file: Fernet in chunks, each numbered and flagged last inside its seal.

Encryption is Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`), with the key from
BACKUP_ENCRYPTION_KEY. Fernet seals one message at a time, so the archive is sealed in
chunks of CHUNK bytes; each chunk carries its number and a last-chunk flag inside the seal,
so a reordered, truncated or extended file is refused, not half-restored.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO, TypedDict

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

MAGIC = b"PLATFORM-BACKUP-1\n"
CHUNK = 4 * 1024 * 1024


class ManifestFile(TypedDict):
    name: str
    size: int
    sha256: str


class ManifestSchema(TypedDict):
    latest: dict[str, str]  # app -> its newest migration applied
    applied: dict[str, list[str]]  # app -> every migration applied


class Manifest(TypedDict):
    """`manifest.json` inside a backup (JSON, so a TypedDict: read and written as a dict)."""

    format: int
    taken_at: str  # ISO 8601, UTC
    engine: str  # "postgresql" or "sqlite"
    database: str  # the dump's name in the archive
    schema: ManifestSchema
    files: list[ManifestFile]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


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


def encrypt_file(source: Path, target: BinaryIO, *, fernet: MultiFernet | None = None) -> None:
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


def decrypt_file(source: BinaryIO, target: BinaryIO) -> None:
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
