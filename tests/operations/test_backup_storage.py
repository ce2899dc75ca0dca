"""Where backups live (operations/backup_storage.py): a file with the final name is always
complete, and old backups go by days, then weeks."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from cryptography.fernet import Fernet

from operations import backups
from operations.backup_storage import BackupFile, backups_to_prune
from tests import factories


@pytest.mark.django_db(transaction=True)
def test_a_backup_interrupted_while_writing_leaves_no_complete_looking_file(settings, monkeypatch):
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    factories.ParticipantFactory()

    def fail_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail_fsync)
    with pytest.raises(OSError, match="disk full"):
        backups.create_backup()
    assert list(settings.BACKUP_DIR.iterdir()) == []
    assert backups.list_backups() == []


def _at(day: str) -> BackupFile:
    taken = dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)
    return BackupFile(f"platform-{taken:%Y%m%d-%H%M%S}.backup", taken, 1)


def test_backups_are_kept_for_days_then_one_a_week_then_removed(settings):
    settings.BACKUP_KEEP_DAYS = 3
    settings.BACKUP_KEEP_WEEKS = 2
    now = dt.datetime(2026, 3, 20, 3, tzinfo=dt.UTC)  # a Friday
    daily = [_at(f"2026-03-{day:02d}T02:30") for day in range(1, 21)]
    pruned = {b.name for b in backups_to_prune(daily, now=now)}
    kept = sorted(b.taken_at.day for b in daily if b.name not in pruned)
    # The last 3 days (18-20), then the newest of each older ISO week taken within 2 weeks
    # (since the 6th): the week of 16-22 is already kept by the 20th, the week of 9-15 keeps
    # the 15th, the week of 2-8 the 8th; the 1st is older than 2 weeks.
    assert kept == [8, 15, 18, 19, 20]
    # The newest backup is never removed, however old.
    assert backups_to_prune([_at("2025-01-01T02:30")], now=now) == []
