"""Print the demo sign-ins that `make run` announces."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo accounts and their password."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Regional Peer Learning Platform: {settings.SITE_URL}/")
        )
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD})")
        for email, _name, role, _lang in DEMO_ACCOUNTS:
            self.stdout.write(f"  {(role or 'participant'):<12} {email}")
        self.stdout.write(f"E-mail is written to {settings.EMAIL_FILE_PATH}/")
        self.stdout.write("")
