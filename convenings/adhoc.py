"""Ad-hoc messages: staff write to chosen invitees of a convening, in one or more languages.

`send_message` records the message and one MessageDelivery per recipient (who, see
`adhoc_selectors.message_recipients`) and, after the transaction commits, queues one
`convenings.deliver_message_batch` task per MESSAGE_BATCH_SIZE deliveries. Each person
gets the message in their own language, or the English text with the note packs use when
their language has none (`compose`). Nothing goes out twice by accident: the message
carries the send key of its form (common/sends.py) under a unique constraint, and
each delivery is claimed, recorded as sent and handed to the mail server in one
transaction of its own, as pack deliveries are (see briefings/services.py for why).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import smtplib
import uuid
from collections.abc import Iterable, Sequence
from datetime import timedelta
from email.utils import parseaddr
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.urls import reverse

from accounts.audit import record
from accounts.models import User
from common import mail
from common.deliveries import (
    deliver_claimed,
    publish_in_batches,
    record_failed_attempts,
    requeue_failed,
    requeue_stalled,
)
from common.mail import MAIL_RETRY_ERRORS, failure_text
from common.translation import localized
from participants.models import Country, Participant

from .adhoc_selectors import message_recipients
from .models import Convening, Message, MessageDelivery, MessageDeliveryStatus

logger = logging.getLogger(__name__)

MESSAGE_BATCH_SIZE = 25  # as a pack's (briefings.services.PACK_BATCH_SIZE)
# The mail server refused this one message and serves the next one on the connection.
MESSAGE_REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def texts_of(message: Message, language: str) -> tuple[str, str] | None:
    """The subject and text in this language, or None if the message has none in it."""
    subject = getattr(message, localized("subject", language), "") or ""
    body = getattr(message, localized("body", language), "") or ""
    return (subject, body) if subject and body else None


def message_id_for(*, message: Message, participant: Participant) -> str:
    """The same Message-ID for every attempt at one person's copy."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<convening-message-{message.pk}.{participant.pk}@{domain}>"


def compose(*, message: Message, participant: Participant, language: str) -> EmailMessage:
    """One person's e-mail: their language's text, or the English one with a note."""
    texts = texts_of(message, language)
    translated = texts is not None
    subject, body = texts or texts_of(message, settings.LANGUAGE_CODE) or ("", "")
    convening = message.convening
    composed = mail.compose(
        "convenings/email/adhoc",
        {
            "participant": participant,
            "convening": convening,
            "subject": subject,
            "body": body,
            "translated": translated,
            "link": settings.SITE_URL + reverse("convenings:portal-detail", args=[convening.pk]),
        },
        language=language,
    )
    return composed.message(
        to=[participant.email],
        headers={
            "Message-ID": message_id_for(message=message, participant=participant),
            "Content-Language": language if translated else settings.LANGUAGE_CODE,
        },
    )


@dataclasses.dataclass(frozen=True)
class MessageSend:
    """What one POST of "Send the message" did."""

    message: Message
    added: int  # deliveries this POST created
    repeated: bool  # the key was used before: this POST sent nothing
    # An earlier message of the convening says the same to the same people (another tab):
    # nothing was sent unless staff said "send again".
    same_message: bool = False


def identical_message(
    *,
    convening: Convening,
    audience: str,
    countries: Iterable[Country],
    texts: dict[str, tuple[str, str]],
) -> Message | None:
    """The newest message of `convening` with this audience, these countries and these
    subjects and texts in every language, if any."""
    wanted = unsaved_message(convening=convening, audience=audience, texts=texts)
    fields = [localized(name, code) for code in LANGUAGE_CODES for name in ("subject", "body")]
    chosen = {c.pk for c in countries}
    same = Q(convening=convening, audience=audience)
    for field in fields:
        value = getattr(wanted, field) or ""
        # A language left out may be stored as "" or as NULL.
        same &= Q(**{field: value}) if value else Q(**{field: ""}) | Q(**{f"{field}__isnull": True})
    candidates = (
        Message.objects.filter(same).prefetch_related("countries").order_by("-created_at", "-pk")
    )
    for message in candidates:
        if {c.pk for c in message.countries.all()} == chosen:
            return message
    return None


def unsaved_message(
    *, convening: Convening, audience: str, texts: dict[str, tuple[str, str]]
) -> Message:
    """The message as the form describes it, not saved (for the confirmation step)."""
    message = Message(convening=convening, audience=audience)
    for code in LANGUAGE_CODES:
        subject, body = texts.get(code, ("", ""))
        setattr(message, localized("subject", code), subject.strip())
        setattr(message, localized("body", code), body.strip())
    return message


@transaction.atomic
def send_message(
    *,
    convening: Convening,
    audience: str,
    countries: Iterable[Country],
    texts: dict[str, tuple[str, str]],
    by: User,
    send_key: uuid.UUID,
    again: bool = False,
) -> MessageSend:
    """Record the message and queue one delivery per recipient, once per `send_key`.

    A new key with the audience, countries and texts of an earlier message of the
    convening (two tabs, each with its own key) sends nothing either, unless `again`; the
    convening's row is locked first, so two such calls run one after the other.

    `texts` maps a language code to (subject, text); English is required. A second call
    with the same key, after or at the same moment, sends nothing and returns the first
    call's message (the key is unique: of two concurrent inserts the database refuses the
    second once the first commits).
    """
    countries = list(countries)
    existing = Message.objects.filter(send_key=send_key).first()
    if existing is None and not again:
        Convening.objects.select_for_update().filter(pk=convening.pk).first()
        twin = identical_message(
            convening=convening, audience=audience, countries=countries, texts=texts
        )
        if twin is not None:
            return MessageSend(message=twin, added=0, repeated=True, same_message=True)
    if existing is None:
        message = unsaved_message(convening=convening, audience=audience, texts=texts)
        if texts_of(message, settings.LANGUAGE_CODE) is None:
            raise ValueError("an English subject and text are required")
        message.send_key = send_key
        message.sent_by = by
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            existing = Message.objects.filter(send_key=send_key).first()
            if existing is None:
                raise
    if existing is not None:
        return MessageSend(message=existing, added=0, repeated=True)
    message.countries.set(countries)
    deliveries = MessageDelivery.objects.bulk_create(
        [
            MessageDelivery(
                message=message,
                participant=invitation.participant,
                language=invitation.participant.preferred_language or settings.LANGUAGE_CODE,
            )
            for invitation in message_recipients(
                convening=convening, audience=audience, countries=countries
            )
        ]
    )
    ids = list(
        MessageDelivery.objects.filter(message=message).order_by("pk").values_list("pk", flat=True)
    )
    record(
        actor=by,
        action="message.sent",
        obj=message,
        changes={
            "audience": [None, audience],
            "countries": [None, [c.pk for c in countries]],
            "languages": [None, [c for c in LANGUAGE_CODES if texts_of(message, c)]],
            "deliveries": [0, len(deliveries)],
        },
    )
    _queue(ids)
    return MessageSend(message=message, added=len(ids), repeated=False)


def _queue(delivery_ids: list[int]) -> None:
    if delivery_ids:
        transaction.on_commit(partial(_publish, delivery_ids))


def _publish(delivery_ids: list[int]) -> None:
    """With the broker down the deliveries stay queued and
    `requeue_stalled_message_deliveries` (run by beat) publishes them later."""
    from .tasks import deliver_message_batch  # noqa: PLC0415  tasks import this module

    publish_in_batches(
        deliver_message_batch, delivery_ids, size=MESSAGE_BATCH_SIZE, what="message deliveries"
    )


@transaction.atomic
def retry_failed_deliveries(*, message: Message, by: User) -> int:
    """Queue this message's failed deliveries again, in each person's language of now;
    returns how many. Safe to repeat: only failed ones are queued, and each is claimed."""
    ids = requeue_failed(MessageDelivery.objects.filter(message=message))
    if ids:
        record(actor=by, action="message.retried", obj=message, changes={"retried": [0, len(ids)]})
    _queue(ids)
    return len(ids)


STALLED_AFTER = timedelta(minutes=15)


def requeue_stalled_message_deliveries() -> int:
    """Re-publish tasks for deliveries queued too long (their task was lost with a worker
    or the broker); the claim makes a second task for one harmless."""
    ids = requeue_stalled(MessageDelivery.objects, older_than=STALLED_AFTER)
    _publish(ids)
    return len(ids)


def _deliver_one(*, delivery_id: int, email: EmailMessage) -> bool:
    """Claim, record and send in one transaction: True if this call sent it."""
    return deliver_claimed(MessageDelivery.objects, pk=delivery_id, email=email)


def _failed(delivery_ids: Sequence[int], exc: BaseException, *, final: bool) -> None:
    record_failed_attempts(
        MessageDelivery.objects, delivery_ids, error=failure_text(exc), final=final
    )


@dataclasses.dataclass
class BatchOutcome:
    sent: int = 0
    retry: list[int] = dataclasses.field(default_factory=list)
    error: BaseException | None = None


def deliver_message_batch(*, delivery_ids: Sequence[int], final: bool) -> BatchOutcome:
    """Send these deliveries over one connection, each exactly once; deliveries no longer
    queued are skipped. A refused address fails alone; any other mail error leaves the
    rest of the batch untried, to be retried (`retry`), or failed for good if `final`."""
    outcome = BatchOutcome()
    waiting = list(
        MessageDelivery.objects.select_related("message__convening", "participant")
        .filter(pk__in=delivery_ids, status=MessageDeliveryStatus.QUEUED)
        .order_by("pk")
    )
    if not waiting:
        return outcome
    connection = get_connection()
    try:
        connection.open()
    except MAIL_RETRY_ERRORS as exc:
        _mail_failed(outcome, [d.pk for d in waiting], exc, final=final)
        return outcome
    try:
        for index, delivery in enumerate(waiting):
            try:
                email = compose(
                    message=delivery.message,
                    participant=delivery.participant,
                    language=delivery.language,
                )
            except OperationalError:
                raise  # the database: the task retries the batch
            except Exception as exc:
                logger.exception("could not compose message delivery %s", delivery.pk)
                _failed([delivery.pk], exc, final=True)
                continue
            email.connection = connection
            try:
                outcome.sent += _deliver_one(delivery_id=delivery.pk, email=email)
            except MESSAGE_REFUSED as exc:
                _mail_failed(outcome, [delivery.pk], exc, final=final)
            except MAIL_RETRY_ERRORS as exc:
                _mail_failed(outcome, [d.pk for d in waiting[index:]], exc, final=final)
                break
    finally:
        with contextlib.suppress(*MAIL_RETRY_ERRORS):
            connection.close()
    return outcome


def _mail_failed(outcome: BatchOutcome, ids: list[int], exc: BaseException, *, final: bool):
    _failed(ids, exc, final=final)
    if not final:
        outcome.retry.extend(ids)
        outcome.error = exc
