"""`manage.py backup`: take a backup now (the same as beat's daily one), or print a new key."""

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, create_backup, record_success


class Command(BaseCommand):
    help = "Back up the database and every uploaded or generated file, encrypted."

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-key",
            action="store_true",
            help="Print a new key for BACKUP_ENCRYPTION_KEY and stop.",
        )

    def handle(self, *args, new_key=False, **options):
        if new_key:
            self.stdout.write(Fernet.generate_key().decode())
            return
        try:
            backup = create_backup()
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        record_success(backup)
        self.stdout.write(f"{backup.name} ({backup.size} bytes)")
