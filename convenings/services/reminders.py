"""Reminding people who have not replied, at most once within the set interval unless staff
say so."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import record
from accounts.models import User

from ..models import (
    Convening,
    Invitation,
    InvitationStatus,
    ReminderBatch,
)


@dataclasses.dataclass(frozen=True)
class Reminders:
    """What one press of "Send a reminder" did."""

    batch: ReminderBatch
    reminded: list[Invitation]  # reminded by this press (empty when `repeated`)
    skipped_recent: int  # picked, not replied, but reminded within the interval
    repeated: bool  # the key was used before: this press sent nothing


def reminder_interval() -> dt.timedelta:
    return dt.timedelta(hours=settings.REMINDER_MIN_INTERVAL_HOURS)


@transaction.atomic
def send_reply_reminders(
    *,
    convening: Convening,
    invitations: Iterable[Invitation],
    by: User,
    send_key: uuid.UUID | None = None,
    again: bool = False,
) -> Reminders:
    """Remind the chosen invitees who have not replied yet; others are skipped.

    Nothing goes out twice by accident (common/sends.py): a second call with the
    same `send_key` sends nothing and returns the first call's batch, and anyone reminded
    about this convening (by staff or the follow-up schedule) or already due a reminder
    within REMINDER_MIN_INTERVAL_HOURS is skipped, unless staff ask `again` explicitly.
    """
    from ..tasks import send_reply_reminder  # noqa: PLC0415  tasks import this package's services

    send_key = send_key or uuid.uuid4()
    # One reminder send per convening at a time: a concurrent one waits here, then sees
    # this one's batch (same key) or its people as reminded just now (another key).
    Convening.objects.select_for_update().filter(pk=convening.pk).first()
    earlier = ReminderBatch.objects.filter(send_key=send_key).first()
    if earlier is not None:
        return Reminders(batch=earlier, reminded=[], skipped_recent=0, repeated=True)
    requested_at = timezone.now()
    due, recent = reminders_due(
        convening=convening, invitations=invitations, again=again, now=requested_at
    )
    try:
        with transaction.atomic():
            batch = ReminderBatch.objects.create(
                convening=convening,
                send_key=send_key,
                requested_by=by,
                reminded=len(due),
                skipped_recent=len(recent),
            )
    except IntegrityError:
        # Behind the lock above this cannot happen; should a request ever get past it, the
        # unique key still decides, and the loser answers like a repeat, not an error.
        earlier = ReminderBatch.objects.filter(send_key=send_key).first()
        if earlier is None:
            raise
        return Reminders(batch=earlier, reminded=[], skipped_recent=0, repeated=True)
    Invitation.objects.filter(pk__in=[i.pk for i in due]).update(reminder_requested_at=requested_at)
    for invitation in due:
        record(
            actor=by,
            action="invitation.reminded",
            obj=invitation,
            changes={"reminder_requested_at": [None, requested_at.isoformat()]},
        )
        send_reply_reminder.delay_on_commit(
            invitation_id=invitation.pk, requested_at=requested_at.isoformat()
        )
    return Reminders(batch=batch, reminded=due, skipped_recent=len(recent), repeated=False)


def reminders_due(
    *, convening: Convening, invitations: Iterable[Invitation], again: bool, now: dt.datetime
) -> tuple[list[Invitation], list[Invitation]]:
    """Of the invitees picked, who a reminder would go to now, and who is skipped as
    reminded within the interval (nobody with `again`). Those who replied are neither."""
    ids = [i.pk for i in invitations]
    pending = list(
        Invitation.objects.filter(convening=convening, pk__in=ids, status=InvitationStatus.INVITED)
        .select_related("participant")
        .order_by("pk")
    )
    cutoff = now - reminder_interval()
    recent = [] if again else [i for i in pending if _reminded_since(i, cutoff)]
    return [i for i in pending if i not in recent], recent


def _reminded_since(invitation: Invitation, cutoff: dt.datetime) -> bool:
    return any(
        when is not None and when > cutoff
        for when in (invitation.reminded_at, invitation.reminder_requested_at)
    )
