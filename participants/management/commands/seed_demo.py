"""Build the demo history: accounts, directory, convenings, briefings, notes, outcomes.

Deterministic and idempotent: each app's `demo.seed()` creates what is missing and a
second run adds nothing. `--scale N` multiplies participants and convenings for benchmarks.
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: later apps build on the people and convenings made before them.
DEMO_MODULES = [
    "accounts.demo",
    "participants.demo",
    "convenings.demo",
    "convenings.visa_demo",  # branch visa: visa details and a letter on the open convening
    "convenings.demo_onsite",  # check-ins and badge codes (branch onsite)
    "briefings.demo",
    "engagement.demo",
    "outcomes.demo",
]


class Command(BaseCommand):
    help = "Create deterministic demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="multiply participants and convenings"
        )

    def handle(self, *args, scale: int, **options):
        if scale < 1:
            self.stderr.write("--scale must be 1 or more")
            raise SystemExit(2)
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name == name:
                        continue  # that app has no demo data yet
                    raise
                module.seed(scale=scale, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
