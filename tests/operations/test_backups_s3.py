"""Backups to, and files from, an S3-compatible store (moto stands in for it)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from accounts.selectors import is_erased
from operations import backups, ledger
from participants.erasure import erase_person
from participants.models import Participant
from tests import factories

BUCKET = "platform-files"


@pytest.fixture
def s3(settings, monkeypatch):
    from moto import mock_aws

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        import boto3

        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        settings.AWS_STORAGE_BUCKET_NAME = BUCKET
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "default_acl": None,
                    "querystring_auth": True,
                    "file_overwrite": False,
                },
            },
        }
        settings.BACKUP_TO_S3 = True
        settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
        yield boto3.client("s3", region_name="us-east-1")


def keys(client) -> list[str]:
    listing = client.list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.mark.django_db(transaction=True)
def test_a_backup_in_the_bucket_restores_the_files_and_the_erasures(s3, admin_user):
    media = storages["default"]
    media.save("briefings/files/a.pdf", ContentFile(b"%PDF a" + bytes(range(256))))
    media.save("reports/2025/annual.csv", ContentFile(b"year,count\n2025,3\n"))
    gone = factories.ParticipantFactory(full_name="Erase Me")
    backup = backups.create_backup()
    assert [b.name for b in backups.list_backups()] == [backup.name]
    assert f"backups/{backup.name}" in keys(s3)

    erase_person(participant=gone, by=admin_user)
    assert [e["participant_id"] for e in ledger.erasures()] == [gone.pk]
    assert any(key.startswith("backups/erasures/") for key in keys(s3))
    media.delete("briefings/files/a.pdf")
    media.save("briefings/files/new.pdf", ContentFile(b"%PDF after the backup"))

    backups.restore_backup(backup.name)

    files = [k for k in keys(s3) if not k.startswith("backups/")]
    assert files == ["briefings/files/a.pdf", "reports/2025/annual.csv"]
    with media.open("briefings/files/a.pdf") as handle:
        assert handle.read() == b"%PDF a" + bytes(range(256))
    assert is_erased(Participant.objects.get(pk=gone.pk))
