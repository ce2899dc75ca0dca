"""Background work for briefings: deliver pack e-mails in batches; re-queue stalled deliveries."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import OperationalError

from . import services

MAX_SEND_RETRIES = 5
BACKOFF_FACTOR_SECONDS = 30
BACKOFF_MAX_SECONDS = 30 * 60
# A delivery queued this long has most likely lost its task message with a dead worker.
STALLED_AFTER = timedelta(minutes=15)

DELIVERY_TASK_OPTIONS = {
    "bind": True,
    "acks_late": True,
    # A database that is briefly away: retry the whole task (the claims skip what was sent).
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": MAX_SEND_RETRIES,
}


def _final(task) -> bool:
    return task.request.retries >= MAX_SEND_RETRIES


def _retry_later(task, outcome: services.BatchOutcome, *, kwargs: dict):
    """The same task again for the deliveries the mail server failed, with backoff."""
    countdown = get_exponential_backoff_interval(
        factor=BACKOFF_FACTOR_SECONDS,
        retries=task.request.retries,
        maximum=BACKOFF_MAX_SECONDS,
        full_jitter=True,
    )
    return task.retry(
        kwargs=kwargs, exc=outcome.error, countdown=countdown, max_retries=MAX_SEND_RETRIES
    )


@shared_task(name="briefings.deliver_pack_batch", **DELIVERY_TASK_OPTIONS)
def deliver_pack_batch(self, *, delivery_ids: list[int]) -> dict[str, int]:
    outcome = services.deliver_pack_batch(delivery_ids=delivery_ids, final=_final(self))
    if outcome.retry:
        raise _retry_later(self, outcome, kwargs={"delivery_ids": outcome.retry})
    return outcome.counts()


@shared_task(name="briefings.deliver_pack", **DELIVERY_TASK_OPTIONS)
def deliver_pack(self, *, delivery_id: int) -> str:
    """One delivery: runs task messages queued before deliveries went out in batches."""
    outcome = services.deliver_pack_batch(delivery_ids=[delivery_id], final=_final(self))
    if outcome.retry:
        raise _retry_later(self, outcome, kwargs={"delivery_id": delivery_id})
    return outcome.status[delivery_id]


@shared_task(name="briefings.requeue_stalled_deliveries", bind=True, acks_late=True)
def requeue_stalled_deliveries(self) -> int:
    return services.requeue_stalled_deliveries(older_than=STALLED_AFTER)
