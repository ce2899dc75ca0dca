"""Background work for convenings: invitation and reminder e-mails, each sent once."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import OperationalError
from django.db.models import Q
from django.utils import timezone

from common.deliveries import send_claimed
from common.mail import MAIL_TASK_OPTIONS

from . import adhoc, services
from .models import ConveningNotice, Invitation, InvitationStatus

logger = logging.getLogger(__name__)


# Staff see why an invitation or reminder failed on the invitation list (a retry that
# succeeds clears it).
EMAIL_ERROR = ("email_failed_at", "email_error")
INVITATION_RELATED = ("participant", "convening")


@shared_task(name="convenings.send_invitation", **MAIL_TASK_OPTIONS)
def send_invitation(self, *, invitation_id: int) -> None:
    send_claimed(
        Invitation.objects,
        pk=invitation_id,
        unclaimed=Q(invitation_sent_at__isnull=True),
        claim={"invitation_sent_at": timezone.now()},
        release={"invitation_sent_at": None},
        send=lambda invitation: services.send_invitation_email(invitation=invitation),
        related=INVITATION_RELATED,
        error_fields=EMAIL_ERROR,
    )


@shared_task(name="convenings.send_reply_reminder", **MAIL_TASK_OPTIONS)
def send_reply_reminder(self, *, invitation_id: int, requested_at: str) -> None:
    """One reminder per request: claimed by moving `reminded_at` past the request time."""
    requested = dt.datetime.fromisoformat(requested_at)
    previous = Invitation.objects.filter(pk=invitation_id).values_list("reminded_at", flat=True)
    send_claimed(
        Invitation.objects,
        pk=invitation_id,
        unclaimed=Q(status=InvitationStatus.INVITED)
        & (Q(reminded_at__isnull=True) | Q(reminded_at__lt=requested)),
        claim={"reminded_at": timezone.now()},
        release={"reminded_at": previous.first()},
        send=lambda invitation: services.send_reminder_email(invitation=invitation),
        related=INVITATION_RELATED,
        error_fields=EMAIL_ERROR,
    )


@shared_task(name="convenings.send_convening_notice", **MAIL_TASK_OPTIONS)
def send_convening_notice(self, *, notice_id: int) -> None:
    """New dates or a cancellation to one invitee, once: claimed through `sent_at`."""
    send_claimed(
        ConveningNotice.objects,
        pk=notice_id,
        unclaimed=Q(sent_at__isnull=True),
        claim={"sent_at": timezone.now()},
        release={"sent_at": None},
        send=_send_notice_unless_superseded,
        related=("convening", "invitation__participant", "invitation__convening"),
    )


def _send_notice_unless_superseded(notice: ConveningNotice) -> None:
    # A later change replaced it: it stays claimed, marked superseded, and is not sent.
    if services.notice_is_superseded(notice=notice):
        ConveningNotice.objects.filter(pk=notice.pk).update(superseded=True)
        logger.info("notice %s replaced by a later change", notice.pk)
        return
    services.send_notice_email(notice=notice)


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


# Branch visa: passport details are kept only as long as the convening needs them.
@shared_task(
    name="convenings.remove_expired_visa_details",
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=3,
    time_limit=600,
)
def remove_expired_visa_details(self) -> dict[str, int]:
    """Nightly: visa details and letters of convenings ended VISA_DETAILS_KEEP_DAYS ago go.
    Idempotent: each convening's rows are claimed in their own transaction, and a second
    run finds nothing left (see services.visa.remove_expired_visa_details)."""
    from .services.visa import remove_expired_visa_details as remove  # noqa: PLC0415  kept inside so this branch's task stays one appended block

    return remove()


@shared_task(name="convenings.send_promotion", **MAIL_TASK_OPTIONS)
def send_promotion(self, *, invitation_id: int) -> None:
    """ "A place is free for you": once per promotion, claimed through `promotion_sent_at`
    (branch logistics, convenings/services/logistics.py)."""
    send_claimed(
        Invitation.objects,
        pk=invitation_id,
        unclaimed=Q(
            promoted_at__isnull=False,
            promotion_sent_at__isnull=True,
            status=InvitationStatus.ACCEPTED,
        ),
        claim={"promotion_sent_at": timezone.now()},
        release={"promotion_sent_at": None},
        send=lambda invitation: services.send_promotion_email(invitation=invitation),
        related=INVITATION_RELATED,
        error_fields=EMAIL_ERROR,
    )
