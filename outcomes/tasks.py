"""Background work for outcomes: rendering a stored report; harvest invitations and e-mails;
substantiation requests and reminders."""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError
from django.db.models import Q
from django.utils import timezone

from common.deliveries import send_claimed
from common.mail import MAIL_TASK_OPTIONS

from . import harvest_mail, services, substantiation
from .models import ReportFailure, SubstantiationMailStatus, Substantiator
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


# --- Substantiation (issue 17 §2) --------------------------------------------------------


@shared_task(name="outcomes.send_substantiation_request", **MAIL_TASK_OPTIONS)
def send_substantiation_request(self, *, substantiator_id: int) -> None:
    """The first e-mail to one substantiator, once: claimed before sending, released (and
    retried, the error kept for staff's page) when the mail server fails."""
    send_claimed(
        Substantiator.objects,
        pk=substantiator_id,
        unclaimed=Q(
            mail_status__in=[SubstantiationMailStatus.QUEUED, SubstantiationMailStatus.FAILED],
            sent_at__isnull=True,
        ),
        claim={"mail_status": SubstantiationMailStatus.SENT, "sent_at": timezone.now()},
        release={"mail_status": SubstantiationMailStatus.FAILED, "sent_at": None},
        send=lambda row: substantiation.send_request_email(row=row),
        related=("outcome",),
        error_fields=(None, "mail_error"),
    )


@shared_task(name="outcomes.send_substantiation_reminder", **MAIL_TASK_OPTIONS)
def send_substantiation_reminder(self, *, substantiator_id: int) -> None:
    """The one reminder: claimed by setting `reminded_at`, so it goes out once; a mail
    failure clears it again and the retry claims it anew."""
    send_claimed(
        Substantiator.objects,
        pk=substantiator_id,
        unclaimed=Q(reminded_at__isnull=True, answered_at__isnull=True),
        claim={"reminded_at": timezone.now()},
        release={"reminded_at": None},
        send=lambda row: substantiation.send_request_email(row=row, reminder=True),
        related=("outcome",),
    )


@shared_task(name="outcomes.remind_substantiators", bind=True, acks_late=True)
def remind_substantiators(self) -> int:
    """Beat, daily: queue the reminder of everyone asked SUBSTANTIATION_REMINDER_DAYS ago
    who has not answered (each task claims its person, so overlapping runs send once)."""
    due = substantiation.due_reminders()
    for substantiator_id in due:
        send_substantiation_reminder.delay(substantiator_id=substantiator_id)
    return len(due)


@shared_task(name="outcomes.requeue_unsent_substantiation", bind=True, acks_late=True)
def requeue_unsent_substantiation(self) -> int:
    """Beat, every 10 minutes: requests whose task was lost (Redis away) or whose e-mail
    failed, of the last two days, are queued again; each is claimed before it is sent."""
    unsent = substantiation.unsent_requests()
    for substantiator_id in unsent:
        send_substantiation_request.delay(substantiator_id=substantiator_id)
    return len(unsent)


# --- Outcome harvesting (outcomes/harvest_mail.py) ---------------------------------------


@shared_task(name="outcomes.invite_to_harvest", bind=True, acks_late=True)
def invite_to_harvest(self) -> dict:
    # Safe to run twice: each person is invited once per period (a unique key in the DB).
    return harvest_mail.invite_to_harvest()


@shared_task(name="outcomes.send_harvest_message", **MAIL_TASK_OPTIONS)
def send_harvest_message(self, *, message_id: int) -> str:
    status = harvest_mail.send_harvest_message(message_id=message_id)
    if status == "not-claimed":
        logger.info("harvest message %s already sent or being sent", message_id)
    return status
