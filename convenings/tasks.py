"""Background work for convenings: invitation and reminder e-mails, each sent once."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import OperationalError
from django.db.models import Q
from django.utils import timezone

from common.mail import MAIL_TASK_OPTIONS, failure_text

from . import adhoc, services
from .models import ConveningNotice, Invitation, InvitationStatus

logger = logging.getLogger(__name__)


@shared_task(name="convenings.send_invitation", **MAIL_TASK_OPTIONS)
def send_invitation(self, *, invitation_id: int) -> None:
    # Claim first: a second delivery of this task finds the row claimed and stops.
    claimed = Invitation.objects.filter(pk=invitation_id, invitation_sent_at__isnull=True).update(
        invitation_sent_at=timezone.now()
    )
    if claimed != 1:
        logger.info("invitation %s already e-mailed or gone", invitation_id)
        return
    invitation = Invitation.objects.select_related("participant", "convening").get(pk=invitation_id)
    try:
        services.send_invitation_email(invitation=invitation)
    except Exception as exc:
        # Staff see why on the invitation list (a retry that succeeds clears it).
        Invitation.objects.filter(pk=invitation_id).update(
            invitation_sent_at=None, email_failed_at=timezone.now(), email_error=failure_text(exc)
        )
        raise
    Invitation.objects.filter(pk=invitation_id).update(email_failed_at=None, email_error="")


@shared_task(name="convenings.send_reply_reminder", **MAIL_TASK_OPTIONS)
def send_reply_reminder(self, *, invitation_id: int, requested_at: str) -> None:
    """One reminder per request: claimed by moving `reminded_at` past the request time."""
    requested = dt.datetime.fromisoformat(requested_at)
    previous = Invitation.objects.filter(pk=invitation_id).values_list("reminded_at", flat=True)
    previous_value = previous.first()
    claimed = (
        Invitation.objects.filter(pk=invitation_id, status=InvitationStatus.INVITED)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=requested))
        .update(reminded_at=timezone.now())
    )
    if claimed != 1:
        logger.info("reminder for invitation %s already sent, answered or gone", invitation_id)
        return
    invitation = Invitation.objects.select_related("participant", "convening").get(pk=invitation_id)
    try:
        services.send_reminder_email(invitation=invitation)
    except Exception as exc:
        Invitation.objects.filter(pk=invitation_id).update(
            reminded_at=previous_value,
            email_failed_at=timezone.now(),
            email_error=failure_text(exc),
        )
        raise
    Invitation.objects.filter(pk=invitation_id).update(email_failed_at=None, email_error="")


@shared_task(name="convenings.send_convening_notice", **MAIL_TASK_OPTIONS)
def send_convening_notice(self, *, notice_id: int) -> None:
    """New dates or a cancellation to one invitee, once: claimed through `sent_at`."""
    claimed = ConveningNotice.objects.filter(pk=notice_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if claimed != 1:
        logger.info("notice %s already sent or gone", notice_id)
        return
    notice = ConveningNotice.objects.select_related(
        "convening", "invitation__participant", "invitation__convening"
    ).get(pk=notice_id)
    if services.notice_is_superseded(notice=notice):
        ConveningNotice.objects.filter(pk=notice_id).update(superseded=True)
        logger.info("notice %s replaced by a later change", notice_id)
        return
    try:
        services.send_notice_email(notice=notice)
    except Exception:
        ConveningNotice.objects.filter(pk=notice_id).update(sent_at=None)
        raise


@shared_task(name="convenings.requeue_unsent_invitations", bind=True, acks_late=True)
def requeue_unsent_invitations(self) -> int:
    return services.requeue_unsent_invitations()


MESSAGE_MAX_RETRIES = 5


@shared_task(
    name="convenings.deliver_message_batch",
    bind=True,
    acks_late=True,
    # The database briefly away: the whole task again (the claims skip what was sent).
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=MESSAGE_MAX_RETRIES,
)
def deliver_message_batch(self, *, delivery_ids: list[int]) -> int:
    """Ad-hoc message deliveries (convenings/adhoc.py); the mail server's failures are
    retried with backoff for the failed deliveries only."""
    outcome = adhoc.deliver_message_batch(
        delivery_ids=delivery_ids, final=self.request.retries >= MESSAGE_MAX_RETRIES
    )
    if outcome.retry:
        countdown = get_exponential_backoff_interval(
            factor=30, retries=self.request.retries, maximum=30 * 60, full_jitter=True
        )
        raise self.retry(
            kwargs={"delivery_ids": outcome.retry}, exc=outcome.error, countdown=countdown
        )
    return outcome.sent


@shared_task(name="convenings.send_promotion", **MAIL_TASK_OPTIONS)
def send_promotion(self, *, invitation_id: int) -> None:
    """ "A place is free for you": once per promotion, claimed through `promotion_sent_at`
    (branch logistics, convenings/services/logistics.py)."""
    claimed = Invitation.objects.filter(
        pk=invitation_id,
        promoted_at__isnull=False,
        promotion_sent_at__isnull=True,
        status=InvitationStatus.ACCEPTED,
    ).update(promotion_sent_at=timezone.now())
    if claimed != 1:
        logger.info("promotion of invitation %s already e-mailed or gone", invitation_id)
        return
    invitation = Invitation.objects.select_related("participant", "convening").get(pk=invitation_id)
    try:
        services.send_promotion_email(invitation=invitation)
    except Exception as exc:
        Invitation.objects.filter(pk=invitation_id).update(
            promotion_sent_at=None, email_failed_at=timezone.now(), email_error=failure_text(exc)
        )
        raise
