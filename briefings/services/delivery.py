"""Delivering briefing pack e-mails: queued in batches, each sent exactly once.

Delivery of a pack, and why it reaches each person exactly once
-----------------------------------------------------------------
`send_briefing_pack` creates one PackDelivery per recipient (unique per pack and
participant, so a re-send adds only people invited since) and, after the transaction
commits, queues one `briefings.deliver_pack_batch` task per PACK_BATCH_SIZE new
deliveries. (`briefings.deliver_pack`, one delivery per task, runs task messages queued
before deliveries went out in batches.)

A batch (see `deliver_pack_batch`) shares the work of composing and the mail connection:
`mail.PackMail` reads the pack's briefings and PDFs and base64-encodes the attachments
once per language, and every e-mail goes over one connection. It does not share
transactions. Each delivery in turn is composed outside any transaction, then in a
database transaction of its OWN is claimed and recorded as sent by one conditional UPDATE
(queued -> sent, exactly one row must change), handed to the mail server as the very
last step, and committed. So:

* a duplicate task, or a re-send, finds the row no longer queued (or waits on its row
  lock until the first commits, then finds it sent) and sends nothing;
* an SMTP error rolls that delivery's claim back; the failure is recorded and the task
  retried with backoff for the failed deliveries only. A message refused for its address
  fails alone; a dropped line or an unreachable server fails the rest of the batch with
  it, untried, rather than costing a timeout per e-mail;
* a worker killed at any point before a message left rolls back that delivery's
  transaction when PostgreSQL sees the connection drop: the delivery is `queued` again,
  which proves it was not sent, and it is safe to send (the batch's earlier deliveries
  are committed as sent, its later ones are still queued). `requeue_stalled_deliveries`
  (run by beat) re-publishes tasks for deliveries queued too long, because the killed
  worker's task messages sit un-acknowledged in Redis until the visibility timeout (an
  hour).

We chose this over committing `sending` and then guessing about rows stuck in it: a
committed `sending` row from a dead worker cannot say whether the message left, while a
rolled-back claim can. What remains is the COMMIT round trip after the mail server
accepted the message; should a worker die in exactly that instant the delivery would be
re-sent, with the same per-delivery Message-ID, which mail systems use to drop the copy.
That is also why a batch does not commit its deliveries together: one COMMIT per batch
would widen that window from one e-mail to the whole batch.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import smtplib
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import timedelta
from functools import partial

from django.core.mail import EmailMessage, get_connection
from django.db import OperationalError, transaction

from common.deliveries import (
    deliver_claimed,
    publish_in_batches,
    record_failed_attempts,
    requeue_stalled,
)
from common.mail import MAIL_RETRY_ERRORS

from ..mail import PackMail
from ..models import (
    DeliveryStatus,
    PackDelivery,
)

logger = logging.getLogger(__name__)

# Deliveries per task (see the module docstring). Measured in a worker, a batch costs
# about 6 ms whatever its size (the task, the deliveries' and briefings' queries, the
# shared parts) and 2.5 ms per e-mail: at 25 that is under a tenth on top, while a pack
# to 146 people still makes six tasks to keep a 2-process worker evenly busy. It also
# bounds what waits for a retry when the line drops, or for the stalled re-queue when a
# worker dies: 24 deliveries at most.
PACK_BATCH_SIZE = 25
# The mail server answered and refused this one message (its recipient, sender or
# content) and reset the transaction: the connection serves the next message.
MESSAGE_REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def _queue(delivery_ids: Iterable[int]) -> None:
    ids = list(delivery_ids)
    if ids:
        transaction.on_commit(partial(_publish, ids))


def _publish(delivery_ids: list[int]) -> None:
    from ..tasks import deliver_pack_batch  # noqa: PLC0415  the tasks import this package

    publish_in_batches(
        deliver_pack_batch, delivery_ids, size=PACK_BATCH_SIZE, what="briefing pack deliveries"
    )


@transaction.atomic
def requeue_stalled_deliveries(*, older_than: timedelta) -> int:
    """Re-publish tasks for deliveries queued longer than `older_than`.

    Their task message may be lost in a dead worker (see the module docstring); a second
    task for a delivery that is in fact still waiting is harmless, the claim decides.
    """
    ids = requeue_stalled(PackDelivery.objects, older_than=older_than)
    _queue(ids)
    if ids:
        logger.warning("re-queued %s stalled briefing pack deliveries", len(ids))
    return len(ids)


def deliver_delivery(*, delivery_id: int, message: EmailMessage) -> bool:
    """Claim, record and send in one transaction (see the module docstring). True if sent."""
    return deliver_claimed(
        PackDelivery.objects,
        pk=delivery_id,
        email=message,
        message_id=message.extra_headers.get("Message-ID", ""),
    )


def record_delivery_failure(*, delivery_ids: Sequence[int], error: str, final: bool) -> None:
    """After rolled-back attempts: count them, keep the reason, and end as failed if final."""
    record_failed_attempts(PackDelivery.objects, delivery_ids, error=error, final=final)


@dataclasses.dataclass
class BatchOutcome:
    """What `deliver_pack_batch` did with each delivery, and which ones to try again."""

    # Per delivery id: "sent", "failed", "queued" (to be retried), "gone", "claimed
    # elsewhere", or the status it already had when the batch came to it.
    status: dict[int, str] = dataclasses.field(default_factory=dict)
    retry: list[int] = dataclasses.field(default_factory=list)
    error: Exception | None = None  # the mail error behind `retry`

    def counts(self) -> dict[str, int]:
        return dict(Counter(self.status.values()))


def _mail_failed(
    outcome: BatchOutcome, deliveries: Sequence[PackDelivery], exc: Exception, *, final: bool
) -> None:
    ids = [d.pk for d in deliveries]
    reason = f"{type(exc).__name__}: {exc}"
    record_delivery_failure(delivery_ids=ids, error=reason, final=final)
    outcome.status.update(
        dict.fromkeys(ids, DeliveryStatus.FAILED if final else DeliveryStatus.QUEUED)
    )
    if final:
        logger.warning("%s pack deliveries failed for good: %s", len(ids), reason)
    else:
        outcome.retry.extend(ids)
        outcome.error = exc


def deliver_pack_batch(*, delivery_ids: Sequence[int], final: bool) -> BatchOutcome:
    """Deliver these pack e-mails over one mail connection, each exactly once.

    Each delivery is claimed, recorded and sent in a transaction of its own
    (`deliver_delivery`, see the module docstring); the batch only shares the composing
    (`PackMail`) and the connection. Deliveries no longer queued are skipped. A message
    that cannot be composed fails at once (our data: retrying will not help). A message
    the mail server refuses for its recipient fails alone; any other mail error is the
    server's or the network's, so the rest of the batch is not tried now (each try would
    cost a timeout) and fails with it. Failures are in `retry`, or end failed if `final`.
    """
    outcome = BatchOutcome()
    deliveries = {
        d.pk: d
        for d in PackDelivery.objects.select_related("pack__convening", "participant").filter(
            pk__in=delivery_ids
        )
    }
    waiting = []
    for delivery_id in sorted(set(delivery_ids)):
        delivery = deliveries.get(delivery_id)
        if delivery is None:
            logger.info("pack delivery %s is gone", delivery_id)
            outcome.status[delivery_id] = "gone"
        elif delivery.status != DeliveryStatus.QUEUED:
            # A duplicate task or a re-send: the claim would refuse it anyway.
            outcome.status[delivery_id] = delivery.status
        else:
            waiting.append(delivery)
    if not waiting:
        return outcome

    composer = PackMail()
    connection = get_connection()
    try:
        connection.open()
    except MAIL_RETRY_ERRORS as exc:
        _mail_failed(outcome, waiting, exc, final=final)
        return outcome
    try:
        for index, delivery in enumerate(waiting):
            try:
                message = composer.message(delivery=delivery)
            except OperationalError:
                raise  # the database, not our data: the task retries the batch
            except Exception as exc:
                logger.exception("could not compose pack delivery %s", delivery.pk)
                record_delivery_failure(
                    delivery_ids=[delivery.pk],
                    error=f"could not compose the e-mail: {type(exc).__name__}: {exc}",
                    final=True,
                )
                outcome.status[delivery.pk] = DeliveryStatus.FAILED
                continue
            message.connection = connection
            try:
                sent = deliver_delivery(delivery_id=delivery.pk, message=message)
            except MESSAGE_REFUSED as exc:
                _mail_failed(outcome, [delivery], exc, final=final)
            except MAIL_RETRY_ERRORS as exc:
                _mail_failed(outcome, waiting[index:], exc, final=final)
                break
            else:
                outcome.status[delivery.pk] = DeliveryStatus.SENT if sent else "claimed elsewhere"
    finally:
        with contextlib.suppress(*MAIL_RETRY_ERRORS):
            connection.close()
    return outcome
