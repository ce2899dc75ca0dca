"""Background work for briefings: deliver one pack e-mail; re-queue deliveries that stalled."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import OperationalError

from . import services
from .models import DeliveryStatus, PackDelivery

logger = logging.getLogger(__name__)

# Errors worth another try later: the mail server or the network, not our data.
SMTP_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)
MAX_SEND_RETRIES = 5
BACKOFF_FACTOR_SECONDS = 30
BACKOFF_MAX_SECONDS = 30 * 60
# A delivery queued this long has most likely lost its task message with a dead worker.
STALLED_AFTER = timedelta(minutes=15)


@shared_task(
    name="briefings.deliver_pack",
    bind=True,
    acks_late=True,
    # A database that is briefly away: retry the whole task (nothing was sent).
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=MAX_SEND_RETRIES,
)
def deliver_pack(self, *, delivery_id: int) -> str:
    from .mail import build_pack_message

    delivery = (
        PackDelivery.objects.select_related("pack__convening", "participant")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:
        logger.info("pack delivery %s is gone", delivery_id)
        return "gone"
    if delivery.status != DeliveryStatus.QUEUED:
        # A duplicate task or a re-send: the claim below would refuse it anyway.
        return delivery.status
    try:
        message = build_pack_message(delivery=delivery)
    except OperationalError:
        raise
    except Exception as exc:
        # Our data, not the network: retrying will not help, so say why and stop.
        logger.exception("could not compose pack delivery %s", delivery_id)
        services.record_delivery_failure(
            delivery_id=delivery_id,
            error=f"could not compose the e-mail: {type(exc).__name__}: {exc}",
            final=True,
        )
        return DeliveryStatus.FAILED
    try:
        sent = services.deliver_delivery(delivery_id=delivery_id, message=message)
    except SMTP_ERRORS as exc:
        final = self.request.retries >= MAX_SEND_RETRIES
        reason = f"{type(exc).__name__}: {exc}"
        services.record_delivery_failure(delivery_id=delivery_id, error=reason, final=final)
        if final:
            logger.warning("pack delivery %s failed for good: %s", delivery_id, reason)
            return DeliveryStatus.FAILED
        countdown = get_exponential_backoff_interval(
            factor=BACKOFF_FACTOR_SECONDS,
            retries=self.request.retries,
            maximum=BACKOFF_MAX_SECONDS,
            full_jitter=True,
        )
        raise self.retry(exc=exc, countdown=countdown, max_retries=MAX_SEND_RETRIES) from exc
    return DeliveryStatus.SENT if sent else "claimed elsewhere"


@shared_task(name="briefings.requeue_stalled_deliveries", bind=True, acks_late=True)
def requeue_stalled_deliveries(self) -> int:
    return services.requeue_stalled_deliveries(older_than=STALLED_AFTER)
