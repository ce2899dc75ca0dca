"""Background work for outcomes: rendering a stored report; harvest invitations and e-mails."""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError

from common.mail import MAIL_TASK_OPTIONS

from . import harvest, services
from .models import ReportFailure
from .reports.render import ReportTimeoutError, deadline

logger = logging.getLogger(__name__)


@shared_task(
    name="outcomes.render_report",
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=settings.REPORT_RENDER_TIME_LIMIT,
    time_limit=settings.REPORT_RENDER_TIME_LIMIT + 15,
)
def render_stored_report(self, *, report_id: int) -> None:
    try:
        with deadline(settings.REPORT_RENDER_TIME_LIMIT):
            services.generate_report(report_id=report_id)
    except (SoftTimeLimitExceeded, ReportTimeoutError):
        logger.warning("Report %s exceeded the render time limit.", report_id)
        services.fail_report(
            report_id=report_id,
            error=f"Rendering took longer than {settings.REPORT_RENDER_TIME_LIMIT} seconds.",
            failure=ReportFailure.TIME_LIMIT,
        )


@shared_task(name="outcomes.requeue_stalled_reports", bind=True, acks_late=True)
def requeue_stalled_reports(self) -> int:
    return services.requeue_stalled_reports()


# --- Outcome harvesting (outcomes/harvest.py) --------------------------------------------


@shared_task(name="outcomes.invite_to_harvest", bind=True, acks_late=True)
def invite_to_harvest(self) -> dict:
    # Safe to run twice: each person is invited once per period (a unique key in the DB).
    return harvest.invite_to_harvest()


@shared_task(name="outcomes.send_harvest_message", **MAIL_TASK_OPTIONS)
def send_harvest_message(self, *, message_id: int) -> str:
    status = harvest.send_harvest_message(message_id=message_id)
    if status == "not-claimed":
        logger.info("harvest message %s already sent or being sent", message_id)
    return status
