"""The Celery app: configured from Django settings (CELERY_*), tasks autodiscovered.

With no CELERY_BROKER_URL the settings make every task run eagerly in-process, which is
what the local `make run` uses; with a broker, `make worker` and `make beat` do the work.
"""

import logging
import os
import time
from functools import partial

from celery import Celery, Task
from celery.schedules import crontab
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings")

logger = logging.getLogger(__name__)
# After the broker refused one message, the rest of this many seconds' messages are not
# tried: each try would hold the person's request for a connection timeout.
BROKER_DOWN_SKIP_SECONDS = 10.0


class PlatformTask(Task):
    """Every task of the platform: `delay_on_commit` never turns a committed change into an
    error page because Redis is away. The message is logged instead of queued; the work is
    found again by the beat task that watches for it
    (follow-up messages, briefing packs, invitation e-mails, reports) once Redis is back."""

    _broker_down_until = 0.0

    def delay_on_commit(self, *args, **kwargs) -> None:
        transaction.on_commit(partial(self._publish_or_log, args, kwargs))

    def _publish_or_log(self, args, kwargs) -> None:
        if time.monotonic() < PlatformTask._broker_down_until:
            logger.error("broker unavailable: %s%s not queued", self.name, kwargs or args)
            return
        try:
            self.delay(*args, **kwargs)
        except BrokerError:
            PlatformTask._broker_down_until = time.monotonic() + BROKER_DOWN_SKIP_SECONDS
            logger.error(
                "broker unavailable: %s%s not queued", self.name, kwargs or args, exc_info=True
            )


app = Celery("platform_site", task_cls=PlatformTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# The periodic schedule lives here, in one place, so beat and the README agree. It is set
# once the app's configuration is read, not at import: it reads settings, and a settings
# module outside this package (bench/settings.py) imports this package while it is itself
# still half-imported.
@app.on_after_configure.connect
def _set_beat_schedule(sender, **kwargs) -> None:
    sender.conf.beat_schedule = {
        # Hourly: each message goes out once it is 09:00 in its recipient's zone.
        "engagement-run-followups": {
            "task": "engagement.run_followup_schedule",
            "schedule": crontab(minute=15),
        },
        "briefings-requeue-stalled-deliveries": {
            "task": "briefings.requeue_stalled_deliveries",
            "schedule": crontab(minute="*/10"),
        },
        "convenings-requeue-unsent-invitations": {
            "task": "convenings.requeue_unsent_invitations",
            "schedule": crontab(minute="5-59/10"),
        },
        "accounts-requeue-unsent-account-mail": {
            "task": "accounts.requeue_unsent_account_mail",
            "schedule": crontab(minute="3-59/10"),
        },
        "outcomes-requeue-stalled-reports": {
            "task": "outcomes.requeue_stalled_reports",
            "schedule": crontab(minute="7-59/10"),
        },
        # Hourly: each staff member's digest goes out on Monday from 09:00 in their own zone
        # (FOLLOWUP_LOCAL_HOUR), once per week (engagement/followups.py).
        "engagement-weekly-staff-digest": {
            "task": "engagement.send_weekly_staff_digest",
            "schedule": crontab(minute=20),
        },
        # Branch harvest: invitations to report outcomes, once per person and period
        # (HARVEST_INVITATION_MONTHS); hourly, so a failed e-mail is tried again soon.
        "outcomes-invite-to-harvest": {
            "task": "outcomes.invite_to_harvest",
            "schedule": crontab(minute=25),
        },
        # Beat's own tick: /healthz/ and the dashboard warn when it stops (operations/health.py).
        "operations-heartbeat": {
            "task": "operations.heartbeat",
            "schedule": float(settings.HEARTBEAT_SECONDS),
            # A heartbeat older than its interval tells nothing: a worker drops it.
            "options": {"expires": float(settings.HEARTBEAT_SECONDS)},
        },
        # Nightly: what was deleted more than DELETED_KEEP_DAYS ago goes for good.
        "operations-purge-deleted": {
            "task": "operations.purge_deleted",
            "schedule": crontab(minute=40, hour=3),
        },
        # Nightly (branch visa): passport details and visa letters of convenings that
        # ended more than VISA_DETAILS_KEEP_DAYS ago are removed.
        "convenings-remove-expired-visa-details": {
            "task": "convenings.remove_expired_visa_details",
            "schedule": crontab(minute=50, hour=3),
        },
        # Every ten minutes: substantiation requests whose e-mail was lost or failed are
        # sent again (each claimed once, outcomes/tasks.py).
        "outcomes-requeue-unsent-substantiation": {
            "task": "outcomes.requeue_unsent_substantiation",
            "schedule": crontab(minute="9-59/10"),
        },
        # Daily: one reminder to each substantiator who has not answered after
        # SUBSTANTIATION_REMINDER_DAYS.
        "outcomes-remind-substantiators": {
            "task": "outcomes.remind_substantiators",
            "schedule": crontab(minute=50, hour=8),
        },
        "operations-daily-backup": {
            "task": "operations.run_backup",
            "schedule": crontab(minute=30, hour=settings.BACKUP_HOUR),
        },
    }
