"""The Celery app: configured from Django settings (CELERY_*), tasks autodiscovered.

With no CELERY_BROKER_URL the settings make every task run eagerly in-process, which is
what the local `make run` uses; with a broker, `make worker` and `make beat` do the work.
"""

import os
import smtplib

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings")

# Errors worth retrying when a task sends e-mail: the mail server or network hiccuped.
MAIL_RETRY_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)

app = Celery("platform_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The periodic schedule lives here, in one place, so beat and the README agree.
app.conf.beat_schedule = {
    "engagement-run-followups": {
        "task": "engagement.run_followup_schedule",
        "schedule": crontab(minute=15),
    },
    "briefings-requeue-stalled-deliveries": {
        "task": "briefings.requeue_stalled_deliveries",
        "schedule": crontab(minute="*/10"),
    },
    "engagement-weekly-staff-digest": {
        "task": "engagement.send_weekly_staff_digest",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
}
