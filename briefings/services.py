"""Writes about briefings: write, publish, upload files, build and send briefing packs.

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
import secrets
import smtplib
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record
from common.translation import localized
from convenings.models import Convening
from participants.models import Participant
from platform_site.celery import MAIL_RETRY_ERRORS

from .mail import PackMail
from .models import (
    TRANSLATED_FIELDS,
    Briefing,
    BriefingDownload,
    BriefingFile,
    BriefingPack,
    BriefingStatus,
    DeliveryStatus,
    PackDelivery,
)
from .selectors import briefings_for_pack, content_languages, pack_recipients
from .uploads import inspect_upload

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

CONTENT_FIELDS = [
    localized(name, code) for name in TRANSLATED_FIELDS for code in content_languages()
]


def _set_content(briefing: Briefing, data: dict[str, str]) -> list[str]:
    """Apply the given content fields; the names of those that changed."""
    changed = []
    for field in CONTENT_FIELDS:
        if field in data:
            value = (data[field] or "").strip()
            if (getattr(briefing, field) or "") != value:
                setattr(briefing, field, value)
                changed.append(field)
    return changed


@transaction.atomic
def create_briefing(
    *, by, data: dict[str, str], convening: Convening | None = None, publish: bool = False
) -> Briefing:
    """A new briefing (a draft unless `publish`). `data` holds `title_en`, `body_th`, …"""
    briefing = Briefing(author=by, convening=convening)
    _set_content(briefing, data)
    if not briefing.title_en:
        raise ValidationError({"title_en": "An English title is required."})
    briefing.save()
    record(actor=by, action="briefing.created", obj=briefing)
    if publish:
        publish_briefing(briefing=briefing, by=by)
    return briefing


@transaction.atomic
def update_briefing(
    *,
    briefing: Briefing,
    by,
    data: dict[str, str],
    convening: Convening | None,
    publish: bool = False,
) -> Briefing:
    """Save changes; on a published briefing they are live at once and the version goes up.

    With `publish` ("Save and publish") the draft is also published, in the same
    transaction: if publishing is refused (a protected name), nothing is saved either.
    """
    briefing = _save_changes(briefing=briefing, by=by, data=data, convening=convening)
    if publish:
        briefing = publish_briefing(briefing=briefing, by=by)
    return briefing


def _save_changes(
    *, briefing: Briefing, by, data: dict[str, str], convening: Convening | None
) -> Briefing:
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    old_version = briefing.version
    changed = _set_content(briefing, data)
    if briefing.convening_id != (convening.pk if convening else None):
        briefing.convening = convening
        changed.append("convening")
    if not changed:
        return briefing
    if briefing.is_published:
        briefing.version += 1
    briefing.save()
    # Field names only: the texts are long and live in the briefing itself.
    record(
        actor=by,
        action="briefing.updated",
        obj=briefing,
        changes={"version": [old_version, briefing.version], "fields": [None, changed]},
    )
    return briefing


def _check_protected_names(briefing: Briefing) -> None:
    """Participants read every translation: none may name someone who may not be named to
    them (participants.protection), in any form or script."""
    from participants import protection
    from participants.protection_services import resolve_if_clean

    registry = protection.registry()
    found = sorted(
        {
            identity.label
            for name in ("title", "summary", "body")
            for code in content_languages()
            for identity in registry.names_in(getattr(briefing, localized(name, code), "") or "")
        }
    )
    if found:
        raise ValidationError(
            _(
                "This briefing names %(people)s, who may not be named to participants. "
                "Leave the name out, then publish."
            )
            % {"people": ", ".join(found)},
            code="protected",
        )
    resolve_if_clean(briefing)


@transaction.atomic
def publish_briefing(*, briefing: Briefing, by) -> Briefing:
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if briefing.is_published:
        return briefing
    _check_protected_names(briefing)
    briefing.status = BriefingStatus.PUBLISHED
    briefing.version += 1
    briefing.published_at = briefing.published_at or timezone.now()
    briefing.save(update_fields=["status", "version", "published_at", "updated_at"])
    record(
        actor=by,
        action="briefing.published",
        obj=briefing,
        changes={"status": ["draft", "published"], "version": [None, briefing.version]},
    )
    return briefing


@transaction.atomic
def unpublish_briefing(*, briefing: Briefing, by) -> Briefing:
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if not briefing.is_published:
        return briefing
    briefing.status = BriefingStatus.DRAFT
    briefing.save(update_fields=["status", "updated_at"])
    record(actor=by, action="briefing.unpublished", obj=briefing)
    return briefing


def _delete_on_commit(name: str) -> None:
    transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def upload_briefing_file(*, briefing: Briefing, language: str, upload, by) -> BriefingFile:
    """Store the file for this language (replacing the previous one) after checking its bytes.

    Raises ValidationError, with nothing stored, if the type or size is refused.
    """
    if language not in content_languages():
        raise ValidationError("unsupported language")
    inspected = inspect_upload(upload)
    previous = BriefingFile.objects.filter(briefing=briefing, language=language).first()
    item = previous or BriefingFile(briefing=briefing, language=language)
    old_name = previous.file.name if previous else None
    # Participants download it under this name: no protected name in it.
    from participants.protection_services import safe_file_name

    item.original_name = safe_file_name((getattr(upload, "name", "") or "file")[-255:])
    item.kind = inspected.kind
    item.content_type = inspected.content_type
    item.size = inspected.size
    item.sha256 = inspected.sha256
    item.uploaded_by = by
    item.uploaded_at = timezone.now()
    upload.seek(0)
    item.file.save(f"{secrets.token_urlsafe(24)}.{inspected.extension}", upload, save=False)
    new_name = item.file.name
    try:
        item.save()
    except Exception:
        default_storage.delete(new_name)  # no row, so no file either
        raise
    if old_name and old_name != new_name:
        _delete_on_commit(old_name)
    record(
        actor=by,
        action="briefing.file_uploaded",
        obj=briefing,
        changes={f"file_{language}": [old_name and "replaced", inspected.sha256]},
    )
    return item


def log_download(*, user, participant, briefing: Briefing, language: str, format: str) -> None:
    BriefingDownload.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        participant=participant,
        briefing=briefing,
        language=language,
        format=format,
    )


# --- Packs -----------------------------------------------------------------------------


@transaction.atomic
def create_pack(
    *,
    convening: Convening,
    briefings: Iterable[Briefing],
    by,
    send_key: uuid.UUID | None = None,
) -> BriefingPack:
    chosen = list(briefings)
    allowed = set(briefings_for_pack(convening=convening).values_list("pk", flat=True))
    if not chosen:
        raise ValidationError("Choose at least one briefing.")
    if any(b.pk not in allowed for b in chosen):
        raise ValidationError("A chosen briefing is not published for this convening.")
    pack = BriefingPack.objects.create(convening=convening, created_by=by, send_key=send_key)
    pack.briefings.set(chosen)
    record(
        actor=by,
        action="briefing_pack.created",
        obj=pack,
        changes={"briefings": [None, [b.pk for b in chosen]]},
    )
    return pack


@dataclasses.dataclass(frozen=True)
class PackSend:
    """What one POST of "Send the pack" did."""

    pack: BriefingPack
    added: int  # deliveries this POST created
    repeated: bool  # the key was used before: this POST built and sent nothing
    # An earlier pack of the convening has exactly these briefings (another tab, another
    # person): nothing was built or sent unless staff said "send again".
    same_briefings: bool = False


def identical_pack(*, convening: Convening, briefings: Iterable[Briefing]) -> BriefingPack | None:
    """The newest pack of `convening` made of exactly `briefings`, if any: everyone it
    reached has these briefings, and anyone invited since gets them by "Send to newly
    invited", so a new pack like it would only send them twice."""
    chosen = {b.pk for b in briefings}
    for pack in (
        BriefingPack.objects.filter(convening=convening)
        .prefetch_related("briefings")
        .order_by("-created_at", "-pk")
    ):
        if {b.pk for b in pack.briefings.all()} == chosen:
            return pack
    return None


@transaction.atomic
def send_new_pack(
    *,
    convening: Convening,
    briefings: Iterable[Briefing],
    by,
    send_key: uuid.UUID,
    again: bool = False,
) -> PackSend:
    """Build a pack and send it, once per `send_key` (see platform_site/sends.py).

    A second call with the same key, one after the other or at the same moment, builds
    nothing and returns the first call's pack: the pack row carries the key under a unique
    constraint, so of two concurrent inserts PostgreSQL makes the second wait for the
    first and then refuses it, and SQLite (IMMEDIATE transactions) runs them in turn.
    A call with a new key (two tabs, each page with its own key) but the briefings of an
    earlier pack of the convening builds nothing either, unless `again`: the convening's
    row is locked first, so two such calls at the same moment run one after the other.
    """
    chosen = list(briefings)
    existing = BriefingPack.objects.filter(send_key=send_key).first()
    if existing is None and not again:
        Convening.objects.select_for_update().filter(pk=convening.pk).first()
        twin = identical_pack(convening=convening, briefings=chosen)
        if twin is not None:
            return PackSend(pack=twin, added=0, repeated=True, same_briefings=True)
    briefings = chosen
    if existing is None:
        try:
            with transaction.atomic():
                pack = create_pack(
                    convening=convening, briefings=briefings, by=by, send_key=send_key
                )
        except IntegrityError:
            # Another request with this key committed between the check and the insert.
            existing = BriefingPack.objects.filter(send_key=send_key).first()
            if existing is None:
                raise
    if existing is not None:
        return PackSend(pack=existing, added=0, repeated=True)
    return PackSend(pack=pack, added=send_briefing_pack(pack=pack, by=by), repeated=False)


def _queue(delivery_ids: Iterable[int]) -> None:
    ids = list(delivery_ids)
    if ids:
        transaction.on_commit(partial(_publish, ids))


def _publish(delivery_ids: list[int]) -> None:
    """One task per PACK_BATCH_SIZE deliveries, after the commit. With the broker down,
    stop at the first failure and say so in the log: the deliveries are committed as
    queued, and `requeue_stalled_deliveries` publishes them again once it is back. Raising
    would show staff an error page for a send that is recorded, and trying every remaining
    batch would hold the request for a connection timeout each."""
    from kombu.exceptions import OperationalError as BrokerError

    from .tasks import deliver_pack_batch

    for start in range(0, len(delivery_ids), PACK_BATCH_SIZE):
        try:
            deliver_pack_batch.delay(delivery_ids=delivery_ids[start : start + PACK_BATCH_SIZE])
        except BrokerError:
            logger.warning(
                "broker unavailable: %s briefing pack deliveries wait for the stalled re-queue",
                len(delivery_ids) - start,
                exc_info=True,
            )
            return


@transaction.atomic
def send_briefing_pack(*, pack: BriefingPack, by=None) -> int:
    """One delivery per recipient not yet in this pack; returns how many were added.

    Sending again adds only people invited (or who re-accepted) since; nobody gets a second
    delivery of the same pack.
    """
    # Serialise two staff pressing send at the same moment.
    pack = BriefingPack.objects.select_for_update().get(pk=pack.pk)
    already = PackDelivery.objects.filter(pack=pack).values("participant_id")
    new = [
        PackDelivery(pack=pack, participant=p, language=p.preferred_language or "en")
        for p in pack_recipients(convening=pack.convening).exclude(pk__in=already).order_by("pk")
    ]
    PackDelivery.objects.bulk_create(new)
    created = list(
        PackDelivery.objects.filter(
            pack=pack, participant_id__in=[d.participant_id for d in new]
        ).values_list("pk", flat=True)
    )
    pack.last_sent_at = timezone.now()
    pack.save(update_fields=["last_sent_at"])
    record(
        actor=by,
        action="briefing_pack.sent",
        obj=pack,
        changes={"new_deliveries": [0, len(created)]},
    )
    _queue(created)
    return len(created)


@transaction.atomic
def retry_failed(*, pack: BriefingPack, by=None) -> int:
    """Queue the failed deliveries of this pack again; returns how many."""
    ids = list(
        PackDelivery.objects.select_for_update()
        .filter(pack=pack, status=DeliveryStatus.FAILED)
        .values_list("pk", flat=True)
    )
    # In the language the person prefers now: they may have changed it since.
    PackDelivery.objects.filter(pk__in=ids, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.QUEUED,
        queued_at=timezone.now(),
        language=Subquery(
            Participant.objects.filter(pk=OuterRef("participant_id")).values("preferred_language")[
                :1
            ]
        ),
    )
    if ids:
        record(
            actor=by, action="briefing_pack.retried", obj=pack, changes={"retried": [0, len(ids)]}
        )
    _queue(ids)
    return len(ids)


@transaction.atomic
def requeue_stalled_deliveries(*, older_than: timedelta) -> int:
    """Re-publish tasks for deliveries queued longer than `older_than`.

    Their task message may be lost in a dead worker (see the module docstring); a second
    task for a delivery that is in fact still waiting is harmless, the claim decides.
    """
    cutoff = timezone.now() - older_than
    ids = list(
        PackDelivery.objects.filter(status=DeliveryStatus.QUEUED, queued_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    PackDelivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED).update(
        queued_at=timezone.now()
    )
    _queue(ids)
    if ids:
        logger.warning("re-queued %s stalled briefing pack deliveries", len(ids))
    return len(ids)


def deliver_delivery(*, delivery_id: int, message: EmailMessage) -> bool:
    """Claim, record and send in one transaction (see the module docstring). True if sent."""
    with transaction.atomic():
        # The claim and the record in one statement: the row is only ever seen `queued`
        # or, once committed, `sent`.
        claimed = PackDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.SENT,
            attempts=F("attempts") + 1,
            sent_at=timezone.now(),
            last_error="",
            message_id=message.extra_headers.get("Message-ID", ""),
        )
        if claimed != 1:
            return False
        # Last: only the COMMIT separates the mail server's acceptance from the record.
        message.send(fail_silently=False)
    return True


def record_delivery_failure(*, delivery_ids: Sequence[int], error: str, final: bool) -> None:
    """After rolled-back attempts: count them, keep the reason, and end as failed if final."""
    PackDelivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.QUEUED).update(
        attempts=F("attempts") + 1,
        last_error=error[:2000],
        status=DeliveryStatus.FAILED if final else DeliveryStatus.QUEUED,
    )


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
