"""The erasure ledger: a note of every erased person, kept beside the backups (BACKUP_DIR/
erasures/ or the bucket's backups/erasures/), outside the database, so a restore of a
backup taken before an erasure can erase the person again.

One small file per erasure (no appends, which S3 cannot do), holding only the record's id
and the time: the ledger itself holds no personal data.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from typing import TypedDict

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.utils import timezone

from accounts.selectors import is_erased
from participants.erasure import erase_person
from participants.models import Participant

from .backup_storage import _s3_storage

logger = logging.getLogger(__name__)

FOLDER = "erasures"


class ErasureNote(TypedDict):
    """One file of the ledger (JSON)."""

    participant_id: int
    at: str  # ISO 8601, when the erasure was recorded


def _storage():
    if settings.BACKUP_TO_S3:
        return _s3_storage()
    return FileSystemStorage(location=settings.BACKUP_DIR)


def note_erasure(*, participant_id: int) -> None:
    """Record that a participant is being erased. Called inside the erasure's transaction,
    before it commits: if the note cannot be written the erasure fails, rather than being
    one a restore would undo."""
    now = timezone.now()
    name = f"{FOLDER}/erasure-{now:%Y%m%dT%H%M%S%f}-{participant_id}.json"
    note: ErasureNote = {"participant_id": participant_id, "at": now.isoformat()}
    body = json.dumps(note)
    storage = _storage()
    if settings.BACKUP_TO_S3:
        storage.save(name, ContentFile(body.encode()))
        return
    # Flushed to disk before the erasure commits.
    path = storage.path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write(body)
        handle.flush()
        os.fsync(handle.fileno())


def note_erasure_begun(*, participant, **kwargs) -> None:
    """accounts.signals.erasure_begun: note it before the erasure changes anything."""
    note_erasure(participant_id=participant.pk)


def erasures() -> list[ErasureNote]:
    storage = _storage()
    try:
        _dirs, names = storage.listdir(FOLDER)
    except FileNotFoundError:
        return []
    found = []
    for name in sorted(names):
        if name.endswith(".json"):
            with storage.open(f"{FOLDER}/{name}") as handle:
                found.append(json.loads(handle.read()))
    return found


def _never_give_again(*, highest: int) -> None:
    """Move the participants' id counter past `highest`. A restored backup from before an
    erased person joined has its counter from then: the next newcomer would get the erased
    person's number, and the ledger (which knows people only by number) would have a later
    restore erase the newcomer."""
    table = Participant._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            (sequence,) = cursor.fetchone()
            if sequence:
                cursor.execute(
                    "SELECT setval(%s, GREATEST(%s, "
                    "COALESCE(pg_sequence_last_value(%s::regclass), 0)))",
                    [sequence, highest, sequence],
                )
        elif connection.vendor == "sqlite":  # AUTOINCREMENT keeps its counter here
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [highest, table]
            )
            if cursor.rowcount == 0:
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, highest]
                )


def reapply_erasures(*, since: dt.datetime | None = None) -> int:
    """Erase again everyone in the ledger whom the (restored) database does not show as
    erased: those erased after the backup was taken. Returns how many were erased. Their
    numbers are never given to anyone else (see _never_give_again)."""
    count = 0
    ids = {entry["participant_id"] for entry in erasures()}
    if ids:
        _never_give_again(highest=max(ids))
    for participant in Participant.objects.filter(pk__in=ids).order_by("pk"):
        if not is_erased(participant):
            erase_person(participant=participant, by=None)
            count += 1
    if count:
        logger.info(
            "erasures re-applied after restore", extra={"count": count, "since": str(since)}
        )
    return count
