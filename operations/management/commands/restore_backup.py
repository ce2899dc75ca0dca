"""`manage.py restore_backup NAME`: replace the database and files with one backup's."""

from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore one backup (see list_backups): the database and files are REPLACED by the "
        "backup's, then migrated, and erasures made since are applied again. Stop web, worker "
        "and beat first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "name", help="The backup's file name, e.g. platform-20260101-023000.backup"
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, name, yes=False, **options):
        if not yes:
            answer = input(
                f"This replaces ALL data and files with those of {name}. Type 'restore' to go on: "
            )
            if answer.strip() != "restore":
                raise CommandError("Nothing was changed.")
        try:
            result = restore_backup(name)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {name} (taken {result.manifest['taken_at']}, "
            f"{len(result.manifest['files'])} files); "
            f"erasures applied again: {result.erasures_reapplied}."
        )
