"""`manage.py run_followups`: run the between-meetings follow-up schedule now (`make followups`)."""

from django.core.management.base import BaseCommand

from engagement import followups


class Command(BaseCommand):
    help = (
        "Create and send the follow-ups that are due now, whatever the hour in each "
        "recipient's zone (beat waits for their morning); running it again sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--digest", action="store_true", help="also send this week's staff digest"
        )

    def handle(self, *args, digest: bool = False, **options):
        result = followups.run_schedule(local_hour=0)
        for kind, count in result.created.items():
            self.stdout.write(f"{kind}: {count} new")
        if result.requeued:
            self.stdout.write(f"queued again: {result.requeued}")
        if digest:
            self.stdout.write(f"staff_digest: {followups.run_staff_digest(local_hour=0)} new")
        self.stdout.write(self.style.SUCCESS("Follow-up schedule done."))
