"""The restore drill on real PostgreSQL (pg_dump / pg_restore), as production runs it:
back up a seeded database and its files, lose both, restore, and see the same pages,
report and downloads, byte for byte."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from operations import backups
from participants.erasure import erase_person
from participants.models import Participant
from tests.operations.drill import rewrite_backup, seed_world, snapshot

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def backup_key(settings):
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()


def lose_everything() -> None:
    """The disk is gone: no tables at all, no files."""
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    for name in backups.media_names():
        default_storage.delete(name)
    assert not backups.media_names()


def test_restore_drill_on_postgresql():
    assert connection.vendor == "postgresql"
    world = seed_world()
    before = snapshot(world)
    backup = backups.create_backup()
    lose_everything()

    out = io.StringIO()
    call_command("restore_backup", backup.name, "--yes", stdout=out)

    assert f"Restored {backup.name}" in out.getvalue()
    after = snapshot(world)
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], key
    assert all(status == 200 for status, _body in after.values())


def test_a_backup_of_the_previous_version_restores_and_is_migrated_up():
    """The upgrade path of the README: back up, upgrade (migrate), and if the upgrade goes
    wrong, restore the backup taken before it; it is migrated to the new schema."""
    world = seed_world()
    before = snapshot(world)
    call_command("migrate", "operations", "zero", verbosity=0)  # the version before this app
    backup = backups.create_backup()
    assert "operations" not in backup_schema(backup.name)
    call_command("migrate", verbosity=0)  # the upgrade
    lose_everything()

    backups.restore_backup(backup.name)

    assert "operations" in backups.applied_migrations()
    assert Participant.objects.filter(full_name="Drill Participant").exists()
    after = snapshot(world)
    for key in before:
        assert after[key] == before[key], key


def test_a_dump_postgresql_cannot_read_leaves_the_database_as_it_was(settings):
    world = seed_world()
    backup = backups.create_backup()
    path = settings.BACKUP_DIR / backup.name
    with tempfile.TemporaryDirectory() as tmp:
        backups.open_backup(backup.name, Path(tmp))
        dump = (Path(tmp) / "content" / "database.dump").read_bytes()
    rewrite_backup(path, replace={"database.dump": dump[: len(dump) // 2]})
    Participant.objects.filter(pk=world["participant_id"]).update(full_name="Changed since")

    with pytest.raises(backups.BackupError, match="pg_restore failed"):
        backups.restore_backup(backup.name)

    assert Participant.objects.get(pk=world["participant_id"]).full_name == "Changed since"
    assert len(backups.media_names()) == 2


def backup_schema(name: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        return backups.open_backup(name, Path(tmp))["schema"]["applied"]


def test_after_a_restore_no_newcomer_gets_the_number_of_an_erased_person():
    """PostgreSQL's id sequence comes back with the dump: it is moved past every number in
    the erasure ledger, or a later restore would erase the newcomer who got one."""
    import datetime as dt

    from tests import factories

    admin = factories.UserFactory()
    factories.ParticipantFactory(full_name="Before The Backup")
    early = backups.create_backup(now=dt.datetime(2026, 3, 1, 2, 30, tzinfo=dt.UTC))
    gone = factories.ParticipantFactory(full_name="Joined And Left")
    erase_person(participant=gone, by=admin)

    backups.restore_backup(early.name)
    newcomer = factories.ParticipantFactory(full_name="Joined After The Restore")
    assert newcomer.pk > gone.pk

    later = backups.create_backup(now=dt.datetime(2026, 3, 2, 2, 30, tzinfo=dt.UTC))
    assert backups.restore_backup(later.name).erasures_reapplied == 0
    assert Participant.objects.get(pk=newcomer.pk).full_name == "Joined After The Restore"
