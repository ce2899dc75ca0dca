"""`manage.py list_backups`: the backups there are, newest first."""

from django.core.management.base import BaseCommand

from operations.backups import list_backups


class Command(BaseCommand):
    help = "List the backups, newest first: name, time taken (UTC) and size."

    def handle(self, *args, **options):
        backups = list_backups()
        if not backups:
            self.stdout.write("No backups yet.")
        for backup in backups:
            self.stdout.write(
                f"{backup.name}  {backup.taken_at:%Y-%m-%d %H:%M} UTC  {backup.size} bytes"
            )
