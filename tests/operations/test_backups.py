"""Backups on the embedded SQLite: what comes back, what is refused, what is kept.

The same drill against real PostgreSQL is tests/operations/test_restore_drill.py."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.selectors import is_erased
from operations import backups
from operations.backups import BackupError
from participants.erasure import erase_person
from participants.models import Participant
from tests import factories
from tests.operations.drill import rewrite_backup, seed_world, snapshot

KEY = Fernet.generate_key().decode()


@pytest.fixture
def backup_key(settings):
    settings.BACKUP_ENCRYPTION_KEY = KEY
    return KEY


def wipe() -> None:
    """Everything lost: every table emptied and every file deleted."""
    call_command("flush", interactive=False, verbosity=0)
    for name in backups.media_names():
        default_storage.delete(name)
    assert not backups.media_names()


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_shows_the_same_pages_downloads_and_files(backup_key, settings):
    world = seed_world()
    before = snapshot(world)
    assert sum(key.startswith("file ") for key in before) == 2  # the briefing file and the report
    backup = backups.create_backup()
    wipe()
    assert Participant.objects.count() == 0

    call_command("restore_backup", backup.name, "--yes", stdout=io.StringIO())

    after = snapshot(world)
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], key
    assert all(status == 200 for status, _body in after.values())


@pytest.mark.django_db(transaction=True)
def test_the_backup_file_is_encrypted_and_a_wrong_key_refuses_before_touching_anything(
    backup_key, settings
):
    world = seed_world()
    backup = backups.create_backup()
    raw = (settings.BACKUP_DIR / backup.name).read_bytes()
    assert b"Drill Participant" not in raw
    assert b"%PDF" not in raw
    before = snapshot(world)
    Participant.objects.filter(pk=world["participant_id"]).update(full_name="Changed since")

    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="encryption key does not open this backup"):
        call_command("restore_backup", backup.name, "--yes")
    # Nothing was restored: the change made after the backup is still there, files too.
    assert Participant.objects.get(pk=world["participant_id"]).full_name == "Changed since"
    assert {k: v for k, v in snapshot(world).items() if k.startswith("file ")} == {
        k: v for k, v in before.items() if k.startswith("file ")
    }


@pytest.mark.django_db(transaction=True)
def test_an_old_key_still_opens_backups_after_the_key_is_changed(backup_key, settings):
    factories.ParticipantFactory(full_name="Kept Person")
    backup = backups.create_backup()
    settings.BACKUP_ENCRYPTION_KEY = f"{Fernet.generate_key().decode()},{KEY}"
    Participant.objects.all().delete()
    backups.restore_backup(backup.name)
    assert Participant.objects.get().full_name == "Kept Person"


@pytest.mark.django_db(transaction=True)
def test_a_damaged_or_truncated_backup_is_refused(backup_key, settings):
    factories.ParticipantFactory(full_name="Kept Person")
    backup = backups.create_backup()
    path = settings.BACKUP_DIR / backup.name
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 10])
    with pytest.raises(BackupError, match="incomplete"):
        backups.restore_backup(backup.name)
    path.write_bytes(whole[:-40] + bytes(40))
    with pytest.raises(BackupError, match=r"does not open|damaged"):
        backups.restore_backup(backup.name)
    assert Participant.objects.get().full_name == "Kept Person"


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_a_newer_schema_is_refused_with_a_clear_message(backup_key, settings):
    factories.ParticipantFactory(full_name="Kept Person")
    backup = backups.create_backup()
    rewrite_backup(
        settings.BACKUP_DIR / backup.name,
        manifest=lambda m: m["schema"]["applied"]["participants"].append("0999_from_the_future"),
    )
    Participant.objects.update(full_name="Changed since")
    with pytest.raises(
        CommandError, match=r"newer version of the platform.*participants\.0999_from_the_future"
    ):
        call_command("restore_backup", backup.name, "--yes")
    assert Participant.objects.get().full_name == "Changed since"


@pytest.mark.django_db(transaction=True)
def test_the_manifest_records_the_schema_and_every_file(backup_key, settings):
    world = seed_world()
    backup = backups.create_backup()
    with tempfile.TemporaryDirectory() as tmp:
        manifest = backups.open_backup(backup.name, Path(tmp))
    assert manifest["engine"] == "sqlite"
    assert manifest["schema"]["latest"]["operations"] == "0001_initial"
    assert "0001_initial" in manifest["schema"]["applied"]["participants"]
    assert sorted(f["name"] for f in manifest["files"]) == backups.media_names()
    assert world  # the world had files to record


@pytest.mark.django_db(transaction=True)
def test_an_erasure_made_after_the_backup_is_applied_again_on_restore(backup_key, admin_user):
    keep = factories.ParticipantFactory(full_name="Stays Named", email="stays@example.org")
    erase = factories.ParticipantFactory(full_name="Asked To Be Erased", email="erase@example.org")
    backup = backups.create_backup()
    erase_person(participant=erase, by=admin_user)
    assert is_erased(Participant.objects.get(pk=erase.pk))

    result = backups.restore_backup(backup.name)

    assert result.erasures_reapplied == 1
    restored = Participant.objects.get(pk=erase.pk)
    assert is_erased(restored)
    assert restored.full_name != "Asked To Be Erased"
    assert not Participant.objects.filter(full_name="Asked To Be Erased").exists()
    assert Participant.objects.get(pk=keep.pk).full_name == "Stays Named"
    # A second restore finds nobody left to erase.
    assert backups.restore_backup(backup.name).erasures_reapplied == 1


@pytest.mark.django_db(transaction=True)
def test_an_erasure_fails_when_its_ledger_note_cannot_be_written(admin_user, settings, tmp_path):
    person = factories.ParticipantFactory(full_name="Not Yet Erased")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    settings.BACKUP_DIR = blocker
    with pytest.raises(OSError, match=r"Not a directory|File exists"):
        erase_person(participant=person, by=admin_user)
    assert Participant.objects.get(pk=person.pk).full_name == "Not Yet Erased"


@pytest.mark.django_db(transaction=True)
def test_without_a_key_no_backup_is_made(settings):
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY is not set"):
        call_command("backup")
    assert backups.list_backups() == []


@pytest.mark.django_db(transaction=True)
def test_a_failed_backup_leaves_no_file_and_mails_admins_once(
    backup_key, settings, admin_user, monkeypatch
):
    factories.ParticipantFactory()

    def broken_storage_read(*args, **kwargs):
        raise OSError("disk read error")

    default_storage.save("briefings/files/a.pdf", io.BytesIO(b"%PDF a"))
    monkeypatch.setattr(default_storage, "open", broken_storage_read)
    mail.outbox.clear()
    assert backups.scheduled_backup() is None
    assert backups.scheduled_backup() is None
    assert not settings.BACKUP_DIR.exists() or list(settings.BACKUP_DIR.iterdir()) == []
    assert backups.list_backups() == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admin_user.email]
    assert "backup failed" in mail.outbox[0].body

    monkeypatch.undo()
    settings.BACKUP_ENCRYPTION_KEY = KEY
    assert backups.scheduled_backup() is not None
    monkeypatch.setattr(default_storage, "open", broken_storage_read)
    assert backups.scheduled_backup() is None
    assert len(mail.outbox) == 2  # a new failure after a success is news again


@pytest.mark.django_db(transaction=True)
def test_a_restore_never_lets_a_new_person_take_the_number_of_an_erased_one(backup_key, admin_user):
    """The ledger names people by number. Restoring a backup from before a person existed
    must not hand their number to the next newcomer, or a later restore would erase the
    newcomer in their place."""
    factories.ParticipantFactory(full_name="Before The Backup")
    early = backups.create_backup(now=dt.datetime(2026, 3, 1, 2, 30, tzinfo=dt.UTC))
    gone = factories.ParticipantFactory(full_name="Joined And Left")
    erase_person(participant=gone, by=admin_user)

    backups.restore_backup(early.name)
    assert not Participant.objects.filter(pk=gone.pk).exists()
    newcomer = factories.ParticipantFactory(full_name="Joined After The Restore")
    assert newcomer.pk != gone.pk

    later = backups.create_backup(now=dt.datetime(2026, 3, 2, 2, 30, tzinfo=dt.UTC))
    assert backups.restore_backup(later.name).erasures_reapplied == 0
    assert Participant.objects.get(pk=newcomer.pk).full_name == "Joined After The Restore"


@pytest.mark.django_db(transaction=True)
def test_a_killed_backup_leaves_no_plain_copy_behind_for_long(
    backup_key, settings, tmp_path, monkeypatch
):
    """A backup killed mid-way (the task's hard time limit, an out-of-memory kill) cannot
    clean up: its work folder holds an UNENCRYPTED copy of the database and files, and its
    .partial file fills the disk. The next backup removes those older than any backup
    runs; a backup under way now (a fresh folder) is left alone."""
    import time

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    settings.BACKUP_DIR.mkdir(parents=True)
    stale_work = scratch / "platform-backup-killed"
    stale_work.mkdir()
    (stale_work / "database.sqlite3").write_bytes(b"plain personal data")
    stale_restore = scratch / "platform-restore-killed"
    stale_restore.mkdir()
    stale_partial = settings.BACKUP_DIR / ".platform-20260101-023000.backup.partial"
    stale_partial.write_bytes(b"half")
    running = scratch / "platform-backup-running"
    running.mkdir()
    yesterday = time.time() - 24 * 3600
    for path in (stale_work, stale_restore, stale_partial):
        os.utime(path, (yesterday, yesterday))

    backups.create_backup()

    assert not stale_work.exists()
    assert not stale_restore.exists()
    assert not stale_partial.exists()
    assert running.exists()
    assert len(backups.list_backups()) == 1
