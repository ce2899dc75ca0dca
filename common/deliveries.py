"""One person's copy of something sent by e-mail (a briefing pack, a convening message):
the fields every delivery row shares, so both are queued, tried and logged alike.

Each concrete delivery adds what it is a copy of, the person (`participant`), its own
status choices (a pack delivery is also claimed as "sending"; both have "queued" and
"failed") and its constraints.

`requeue_failed(deliveries)`: the one way failed copies are queued again. For the copies
sent in batches (packs, ad-hoc messages): `deliver_claimed` claims, records and sends one in
one transaction, `record_failed_attempts` counts rolled-back attempts and keeps the reason,
`requeue_stalled` finds the copies whose task was lost, and `publish_in_batches` queues the
batch tasks, leaving the copies to `requeue_stalled` while the broker is away.

`send_claimed(rows, pk=..., ...)`: the one way a task sends the e-mail of one row (an account
invitation or notice, a convening invitation, reminder or notice): claim the row with one
conditional UPDATE (a duplicate task finds it claimed and stops), send, and on any failure
hand the claim back and record why, so the task's retry can send and staff see the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError

from .mail import failure_text

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=models.Model)

QUEUED = "queued"
SENT = "sent"
FAILED = "failed"


class Delivery(models.Model):
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        abstract = True


def requeue_failed(deliveries: QuerySet) -> list[int]:
    """Queue the failed ones of `deliveries` again, each in the language its person prefers
    now (they may have changed it since); their ids. Call inside the service's transaction:
    the rows are locked first, so two retries at once queue each copy once."""
    ids = list(deliveries.select_for_update().filter(status=FAILED).values_list("pk", flat=True))
    # The person's model, from the relation: this app stands below the one that defines it.
    person = deliveries.model._meta.get_field("participant").related_model
    deliveries.model._default_manager.filter(pk__in=ids, status=FAILED).update(
        status=QUEUED,
        queued_at=timezone.now(),
        language=Subquery(
            person._default_manager.filter(pk=OuterRef("participant_id")).values(
                "preferred_language"
            )[:1]
        ),
    )
    return ids


def deliver_claimed(rows: QuerySet, *, pk: int, email: EmailMessage, **record: Any) -> bool:
    """Claim, record and send the queued delivery `pk` in one transaction; True if this call
    sent it. The claim and the record are one statement (the row is only ever seen queued
    or, once committed, sent, with `record`'s extra fields); the send comes last, so only
    the COMMIT separates the mail server's acceptance from the record, and a send that
    raises rolls the claim back."""
    with transaction.atomic():
        claimed = rows.filter(pk=pk, status=QUEUED).update(
            status=SENT,
            attempts=F("attempts") + 1,
            sent_at=timezone.now(),
            last_error="",
            **record,
        )
        if claimed != 1:
            return False
        email.send(fail_silently=False)
    return True


def record_failed_attempts(rows: QuerySet, ids: Iterable[int], *, error: str, final: bool) -> None:
    """After rolled-back attempts: count them, keep the reason, and end failed if `final`."""
    rows.filter(pk__in=list(ids), status=QUEUED).update(
        attempts=F("attempts") + 1,
        last_error=error[:2000],
        status=FAILED if final else QUEUED,
    )


def requeue_stalled(rows: QuerySet, *, older_than: timedelta) -> list[int]:
    """The deliveries of `rows` queued longer than `older_than` (their task was lost with a
    worker or the broker), marked queued now; their ids, for the caller to publish again.
    A second task for a delivery still waiting is harmless: the claim decides."""
    cutoff = timezone.now() - older_than
    ids = list(
        rows.filter(status=QUEUED, queued_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rows.filter(pk__in=ids, status=QUEUED).update(queued_at=timezone.now())
    return ids


def publish_in_batches(task, delivery_ids: list[int], *, size: int, what: str) -> None:
    """One `task` per `size` deliveries, after the commit. With the broker down, stop at the
    first failure and say so in the log: the deliveries are committed as queued, and beat's
    `requeue_stalled` publishes them again once it is back. Raising would show staff an
    error page for a send that is recorded, and trying every remaining batch would hold the
    request for a connection timeout each."""
    for start in range(0, len(delivery_ids), size):
        try:
            task.delay(delivery_ids=delivery_ids[start : start + size])
        except BrokerError:
            logger.warning(
                "broker unavailable: %s %s wait for the stalled re-queue",
                len(delivery_ids) - start,
                what,
                exc_info=True,
            )
            return


def send_claimed(
    rows: QuerySet[M] | models.Manager[M],
    *,
    pk: int,
    unclaimed: Q,
    claim: Mapping[str, Any],
    release: Mapping[str, Any],
    send: Callable[[M], object],
    related: tuple[str, ...] = (),
    error_fields: tuple[str | None, str] | None = None,
) -> bool:
    """Send the e-mail of row `pk` of `rows` once; True if this call claimed the row.

    The row is claimed by `rows.filter(unclaimed, pk=pk).update(**claim)`: when no row
    changed (sent already, claimed by a duplicate task, or gone) nothing is sent. The
    claimed row, read again with `related`, is handed to `send`, which may decide to send
    nothing (a notice overtaken by a later change) and keep the claim. If `send` raises,
    the claim is handed back (`release`), and with `error_fields` (the "failed at" and
    "error" fields; the first may be None where a row keeps only the error) the time and
    `failure_text` of the error are recorded; the exception goes on to the task, which
    retries. After a send the error fields are cleared.
    """
    if rows.filter(unclaimed, pk=pk).update(**claim) != 1:
        logger.info("%s %s: already sent, claimed or gone", rows.model.__name__, pk)
        return False
    row = rows.select_related(*related).get(pk=pk)
    failed_at, error = error_fields or (None, None)
    try:
        send(row)
    except Exception as exc:
        recorded = {error: failure_text(exc)} if error else {}
        if failed_at:
            recorded[failed_at] = timezone.now()
        rows.filter(pk=pk).update(**release, **recorded)
        raise
    if error:
        cleared = {error: "", **({failed_at: None} if failed_at else {})}
        rows.filter(pk=pk).update(**cleared)
    return True
