"""The e-mails of outcome harvesting (the writes are in `outcomes/harvest.py`).

- `invite_to_harvest`: beat's periodic invitation, once per person and period
  (`HARVEST_INVITATION_MONTHS`), automatic, so without a confirmation step; it also queues
  again the messages that waited too long or failed;
- `queue_messages`: the e-mail of each message queued after the commit (staff's requests
  for changes and declines are queued by `harvest._tell`);
- `send_harvest_message`: one e-mail, claimed with a conditional UPDATE, in the
  participant's language, with protected names scrubbed.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation

from accounts.selectors import ERASED_EMAIL_DOMAIN
from common.mail import compose
from participants import protection
from participants.models import Participant

from .models import (
    HarvestMessage,
    HarvestMessageKind,
    HarvestMessageStatus,
    SubmissionStatus,
)

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
REQUEUE_AFTER = dt.timedelta(minutes=30)


def language_of(code: str | None) -> str:
    """`code` if the platform speaks it, else the default language."""
    codes = {c for c, _n in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


def period_start(day: dt.date, months: int) -> dt.date:
    """The first day of the period of `months` months that holds `day`; periods count from
    January of year 0, so with 6 they are January-June and July-December."""
    index = (day.year * 12 + day.month - 1) // months * months
    return dt.date(index // 12, index % 12 + 1, 1)


def queue_messages(message_ids: list[int]) -> None:
    """Queue the e-mail of each message after the commit."""
    from .tasks import send_harvest_message as task  # noqa: PLC0415  outcomes.tasks imports this module at load

    for message_id in message_ids:
        task.delay_on_commit(message_id=message_id)


@transaction.atomic
def invite_to_harvest(*, today: dt.date | None = None) -> dict[str, int]:
    """Invite every active participant who has not been invited in this period, and queue
    again the messages that waited too long or failed. Safe to run any number of times."""
    months = settings.HARVEST_INVITATION_MONTHS
    counts = {"invited": 0, "requeued": 0}
    stuck = list(
        HarvestMessage.objects.filter(
            Q(status=HarvestMessageStatus.QUEUED, created_at__lt=timezone.now() - REQUEUE_AFTER)
            | Q(status=HarvestMessageStatus.FAILED, attempts__lt=MAX_ATTEMPTS)
        ).values_list("pk", flat=True)
    )
    counts["requeued"] = len(stuck)
    new = []
    if months:
        period = period_start(today or timezone.localdate(), months)
        people = (
            Participant.objects.filter(is_active=True)
            .exclude(email="")
            .exclude(email__endswith="@" + ERASED_EMAIL_DOMAIN)
            .exclude(
                harvest_messages__kind=HarvestMessageKind.INVITATION,
                harvest_messages__period=period,
            )
            .order_by("pk")
        )
        for person in people:
            try:
                with transaction.atomic():
                    message = HarvestMessage.objects.create(
                        key=f"harvest-invitation:{period.isoformat()}:{person.pk}",
                        kind=HarvestMessageKind.INVITATION,
                        participant=person,
                        period=period,
                        language=language_of(person.preferred_language),
                    )
            except IntegrityError:  # another run invited them a moment ago
                continue
            new.append(message.pk)
        counts["invited"] = len(new)
    queue_messages(stuck + new)
    logger.info("harvest invitations: %s", counts)
    return counts


def _portal_url(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def _context(message: HarvestMessage) -> dict | None:
    person = message.participant
    if not person.is_active:
        return None
    context = {
        "participant": person,
        "form_url": _portal_url("outcomes:portal-harvest-new"),
        "list_url": _portal_url("outcomes:portal-harvest"),
    }
    submission = message.submission
    if message.kind != HarvestMessageKind.INVITATION:
        expected = {
            HarvestMessageKind.DECLINED: SubmissionStatus.DECLINED,
            HarvestMessageKind.CHANGES: SubmissionStatus.CHANGES_REQUESTED,
        }[message.kind]
        if submission is None or submission.status != expected:
            return None  # decided otherwise since
        context["submission"] = submission
        context["submission_url"] = _portal_url("outcomes:portal-harvest-edit", submission.pk)
    return context


def send_harvest_message(*, message_id: int) -> str:
    """Send one queued message if this caller wins the claim. Returns the final status."""
    claimable = Q(status=HarvestMessageStatus.QUEUED) | Q(
        status=HarvestMessageStatus.FAILED, attempts__lt=MAX_ATTEMPTS
    )
    claimed = HarvestMessage.objects.filter(claimable, pk=message_id).update(
        status=HarvestMessageStatus.SENDING, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return "not-claimed"
    message = HarvestMessage.objects.select_related("participant", "submission").get(pk=message_id)
    with translation.override(message.language):
        context = _context(message)
        if context is None:
            HarvestMessage.objects.filter(pk=message.pk).update(status=HarvestMessageStatus.SKIPPED)
            return HarvestMessageStatus.SKIPPED
        mail = compose(f"outcomes/email/harvest_{message.kind}", context, language=message.language)
        # The last guard, as for follow-ups: no protected name goes out in staff's notes.
        guard = protection.registry(exclude=[message.participant_id])
        mail = mail.with_texts(guard.scrub)
    try:
        mail.message(to=[message.participant.email]).send()
    except Exception as exc:
        HarvestMessage.objects.filter(pk=message.pk).update(
            status=HarvestMessageStatus.FAILED, last_error=str(exc)[:300]
        )
        raise
    HarvestMessage.objects.filter(pk=message.pk).update(
        status=HarvestMessageStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return HarvestMessageStatus.SENT
