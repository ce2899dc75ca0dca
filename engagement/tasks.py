"""Background work between meetings: the hourly follow-up schedule, the weekly digest, sending."""

from __future__ import annotations

import logging

from celery import shared_task

from common.mail import MAIL_RETRY_ERRORS

from . import followups

logger = logging.getLogger(__name__)


@shared_task(name="engagement.run_followup_schedule", bind=True, acks_late=True)
def run_followup_schedule(self) -> int:
    # Safe to run twice: every message's unique key is taken once (see followups.py).
    result = followups.run_schedule()
    logger.info("follow-up schedule: %s new, %s queued again", result.created, result.requeued)
    return result.total


@shared_task(name="engagement.send_weekly_staff_digest", bind=True, acks_late=True)
def send_weekly_staff_digest(self) -> int:
    return followups.run_staff_digest()


@shared_task(
    name="engagement.send_followup_message",
    bind=True,
    acks_late=True,
    autoretry_for=MAIL_RETRY_ERRORS,
    retry_backoff=60,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=followups.MAX_ATTEMPTS - 1,
)
def send_followup_message(self, *, message_id: int) -> str:
    status = followups.send_message(message_id=message_id)
    if status == "not-claimed":
        logger.info("follow-up message %s already sent or being sent", message_id)
    return status
