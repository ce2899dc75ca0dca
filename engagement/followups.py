"""Automatic follow-ups between meetings: what is due, and sending each message at most once.

Every message first gets a `FollowUpMessage` row whose unique key names it
("followup:<convening>:<participant>", "action_due:<action>:<due date>", …). The row is
created with get_or_create, so the database's unique constraint decides, even with two
schedulers racing, that a message exists once; the sending task then claims it with a
conditional UPDATE (pending → sending) and only the one that changed the row sends.
Running the schedule again finds every key taken and sends nothing new.

Catch-up window: a message is only created while it is still timely (up to
FOLLOWUP_CATCHUP_DAYS after it fell due, default 14), so a new installation or a scheduler
that was down for a while does not mail people about convenings of years ago.

Local time: every recipient's "today" is the date in their own zone (a participant's
`time_zone`, a staff member's account `time_zone`), and a message is only created once it
is FOLLOWUP_LOCAL_HOUR (09:00) or later there, so "the day before" reaches someone in
Auckland and someone in Perth each in their own morning. Beat runs the schedule hourly;
the unique keys do not contain an hour or an offset, so a change of daylight saving, a
missed hour or a restart cannot make a message go out twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import ADMIN_GROUP, STAFF_GROUP
from common.mail import compose
from common.zones import local_now
from convenings.models import Convening, ConveningStatus, Invitation, InvitationStatus
from participants import protection
from participants.protection import withheld

from .models import (
    OPEN_ACTION_STATUSES,
    FollowUpAction,
    FollowUpMessage,
    MeetingNote,
    MessageKind,
    MessageStatus,
    NotesStatus,
)
from .selectors import LIVE_SESSION, attendee_invitations, overdue_actions, quiet_participants

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# A queued message whose task never ran (broker restarted) is queued again after this.
REQUEUE_AFTER = dt.timedelta(minutes=30)


def catchup_days() -> int:
    return settings.FOLLOWUP_CATCHUP_DAYS


@dataclass
class ScheduleResult:
    created: dict[str, int] = field(default_factory=dict)
    requeued: int = 0

    @property
    def total(self) -> int:
        return sum(self.created.values())


def _queue(message_ids: list[int]) -> None:
    # engagement.tasks imports this module at load: the task is imported when it is queued.
    from .tasks import send_followup_message  # noqa: PLC0415  engagement.tasks imports this module at load

    for message_id in message_ids:
        send_followup_message.delay_on_commit(message_id=message_id)


def _claim_key(*, key: str, kind: str, language: str, recipient: str, **refs) -> int | None:
    """The new message's id, or None when a message with this key already exists."""
    message, created = FollowUpMessage.objects.get_or_create(
        key=key,
        defaults={"kind": kind, "language": language, "recipient": recipient, **refs},
    )
    return message.pk if created else None


def _language(code: str | None) -> str:
    codes = {c for c, _n in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Clock:
    """When the schedule runs, and from which local hour a message may go out."""

    now: dt.datetime
    local_hour: int

    def today_for(self, zone_name: str | None) -> dt.date | None:
        """The recipient's local date, or None while it is not yet their sending hour."""
        local = local_now(zone_name, self.now)
        return local.date() if local.hour >= self.local_hour else None

    @property
    def server_today(self) -> dt.date:
        return timezone.localdate(self.now)


def _clock(now: dt.datetime | None, local_hour: int | None) -> Clock:
    hour = settings.FOLLOWUP_LOCAL_HOUR if local_hour is None else local_hour
    return Clock(now=now or timezone.now(), local_hour=hour)


# Recipients' zones lie within a day of the server's (UTC-12 to UTC+14): the database is
# asked for one day more on each side, and each recipient's own date decides.
SLACK = dt.timedelta(days=1)


# --- What is due --------------------------------------------------------------------------


def _post_convening(clock: Clock) -> list[int]:
    delay = dt.timedelta(days=settings.FOLLOWUP_AFTER_CONVENING_DAYS)
    latest_end = clock.server_today - delay + SLACK
    earliest_end = latest_end - dt.timedelta(days=catchup_days()) - 2 * SLACK
    convenings = Convening.objects.filter(
        end_date__lte=latest_end,
        end_date__gte=earliest_end,
        followups_paused=False,
    ).exclude(status=ConveningStatus.CANCELLED)
    new = []
    for convening in convenings:
        invitations = attendee_invitations(convening=convening).select_related("participant")
        for invitation in invitations.filter(participant__is_active=True):
            person = invitation.participant
            today = clock.today_for(person.time_zone)
            if today is None or not (
                today - delay - dt.timedelta(days=catchup_days())
                <= convening.end_date
                <= today - delay
            ):
                continue
            message_id = _claim_key(
                key=f"followup:{convening.pk}:{person.pk}",
                kind=MessageKind.FOLLOWUP,
                language=_language(person.preferred_language),
                recipient=person.email,
                convening=convening,
                participant=person,
                recipient_user_id=person.user_id,
            )
            if message_id:
                new.append(message_id)
    return new


def _action_reminders(clock: Clock) -> tuple[list[int], list[int]]:
    before = dt.timedelta(days=settings.ACTION_REMINDER_DAYS_BEFORE)
    catchup = dt.timedelta(days=catchup_days())
    actions = (
        FollowUpAction.objects.filter(
            status__in=OPEN_ACTION_STATUSES,
            owner__isnull=False,
            owner__is_active=True,
            convening__followups_paused=False,
            due_date__gte=clock.server_today - catchup - SLACK,
            due_date__lte=clock.server_today + before + SLACK,
        )
        .select_related("owner", "convening")
        .order_by("due_date", "pk")
    )
    due, overdue = [], []
    for action in actions:
        person = action.owner
        today = clock.today_for(person.time_zone)
        if today is None or not (today - catchup <= action.due_date <= today + before):
            continue
        kind = MessageKind.ACTION_OVERDUE if action.due_date < today else MessageKind.ACTION_DUE
        message_id = _claim_key(
            key=f"{kind}:{action.pk}:{action.due_date.isoformat()}",
            kind=kind,
            language=_language(person.preferred_language),
            recipient=person.email,
            convening=action.convening,
            action=action,
            participant=person,
            recipient_user_id=person.user_id,
        )
        if message_id:
            (overdue if kind == MessageKind.ACTION_OVERDUE else due).append(message_id)
    return due, overdue


def _rsvp_reminders(clock: Clock) -> list[int]:
    """ "Days before" the convening's first day (a date at the venue), counted from the
    invitee's own date."""
    before = dt.timedelta(days=settings.RSVP_REMINDER_DAYS_BEFORE)
    invitations = (
        Invitation.objects.filter(
            status=InvitationStatus.INVITED,
            participant__is_active=True,
            convening__followups_paused=False,
            convening__start_date__gt=clock.server_today - SLACK,
            convening__start_date__lte=clock.server_today + before + SLACK,
            convening__status__in=[ConveningStatus.PLANNED, ConveningStatus.OPEN],
        )
        .select_related("participant", "convening")
        .order_by("pk")
    )
    new = []
    for invitation in invitations:
        person = invitation.participant
        today = clock.today_for(person.time_zone)
        if today is None or not (today < invitation.convening.start_date <= today + before):
            continue
        message_id = _claim_key(
            key=f"rsvp:{invitation.convening_id}:{person.pk}",
            kind=MessageKind.RSVP_REMINDER,
            language=_language(person.preferred_language),
            recipient=person.email,
            convening=invitation.convening,
            participant=person,
            recipient_user_id=person.user_id,
        )
        if message_id:
            new.append(message_id)
    return new


def _stuck_messages() -> list[int]:
    cutoff = timezone.now() - REQUEUE_AFTER
    pending = FollowUpMessage.objects.filter(status=MessageStatus.PENDING, created_at__lt=cutoff)
    failed = FollowUpMessage.objects.filter(status=MessageStatus.FAILED, attempts__lt=MAX_ATTEMPTS)
    return list(pending.values_list("pk", flat=True)) + list(failed.values_list("pk", flat=True))


@transaction.atomic
def run_schedule(
    *, now: dt.datetime | None = None, local_hour: int | None = None
) -> ScheduleResult:
    """Create the messages that are due now and queue them (sent after this commits).

    `local_hour` (default FOLLOWUP_LOCAL_HOUR): the hour in each recipient's zone from
    which their messages of the day go out; 0 sends whatever is due on their date now."""
    clock = _clock(now, local_hour)
    result = ScheduleResult()
    stuck = _stuck_messages()
    followups = _post_convening(clock)
    due, overdue = _action_reminders(clock)
    rsvp = _rsvp_reminders(clock)
    result.created = {
        MessageKind.FOLLOWUP: len(followups),
        MessageKind.ACTION_DUE: len(due),
        MessageKind.ACTION_OVERDUE: len(overdue),
        MessageKind.RSVP_REMINDER: len(rsvp),
    }
    result.requeued = len(stuck)
    _queue(stuck + followups + due + overdue + rsvp)
    return result


@transaction.atomic
def run_staff_digest(*, now: dt.datetime | None = None, local_hour: int | None = None) -> int:
    """One digest a week to each staff member, in their language, from Monday at
    `local_hour` in their own zone (beat asks hourly; the week is theirs too)."""
    clock = _clock(now, local_hour)
    staff = (
        User.objects.filter(is_active=True, groups__name__in=[STAFF_GROUP, ADMIN_GROUP])
        .distinct()
        .order_by("pk")
    )
    new = []
    for user in staff:
        local = local_now(user.time_zone, clock.now)
        if local.weekday() == 0 and local.hour < clock.local_hour:
            continue
        year, week, _day = local.date().isocalendar()
        message_id = _claim_key(
            key=f"digest:{year}-W{week:02d}:{user.pk}",
            kind=MessageKind.STAFF_DIGEST,
            language=_language(user.language),
            recipient=user.email,
            recipient_user=user,
        )
        if message_id:
            new.append(message_id)
    _queue(new)
    return len(new)


# --- Sending --------------------------------------------------------------------------------


def _portal_url(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def _context(message: FollowUpMessage, today: dt.date) -> dict | None:
    """What the template needs, or None when the message no longer makes sense."""
    context = {"message": message, "site_url": settings.SITE_URL, "today": today}
    convening = message.convening
    if message.kind != MessageKind.STAFF_DIGEST and convening is not None:
        if convening.followups_paused:
            return None
        context["convening"] = convening
    if message.kind == MessageKind.FOLLOWUP:
        context["notes"] = list(
            MeetingNote.objects.filter(
                LIVE_SESSION, convening=convening, status=NotesStatus.PUBLISHED
            )
            .select_related("session")
            .order_by("session__starts_at", "pk")
        )
        context["actions"] = list(
            FollowUpAction.objects.filter(convening=convening, owner=message.participant)
            .exclude(pk__in=withheld("engagement.followupaction"))
            .select_related("country")
            .order_by("due_date", "pk")
        )
        context["notes_url"] = _portal_url("engagement:portal-notes", convening.pk)
        context["feedback_url"] = _portal_url("engagement:portal-feedback", convening.pk)
        context["actions_url"] = _portal_url("engagement:portal-actions")
    elif message.kind in (MessageKind.ACTION_DUE, MessageKind.ACTION_OVERDUE):
        action = message.action
        if action is None or not action.is_open or action.owner_id != message.participant_id:
            return None
        if withheld("engagement.followupaction").filter(pk_value=action.pk).exists():
            return None  # it now identifies someone: staff see it listed, nobody is mailed
        context["action"] = action
        context["actions_url"] = _portal_url("engagement:portal-actions")
    elif message.kind == MessageKind.RSVP_REMINDER:
        invitation = Invitation.objects.filter(
            convening=convening, participant=message.participant
        ).first()
        if invitation is None or invitation.status != InvitationStatus.INVITED:
            return None
        context["invitation"] = invitation
        context["portal_url"] = _portal_url("convenings:portal-home")
    elif message.kind == MessageKind.STAFF_DIGEST:
        context["overdue"] = list(overdue_actions(today=today)[:50])
        context["overdue_total"] = overdue_actions(today=today).count()
        quiet = quiet_participants(today=today)
        context["quiet"] = quiet[:50]
        context["quiet_total"] = len(quiet)
        context["quiet_days"] = settings.QUIET_PARTICIPANT_DAYS
        context["overview_url"] = _portal_url("engagement:staff-overview")
    return context


def send_message(*, message_id: int, today: dt.date | None = None) -> str:
    """Send one queued message if this caller wins the claim. Returns the final status."""
    claimable = Q(status=MessageStatus.PENDING) | Q(
        status=MessageStatus.FAILED, attempts__lt=MAX_ATTEMPTS
    )
    claimed = FollowUpMessage.objects.filter(claimable, pk=message_id).update(
        status=MessageStatus.SENDING, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return "not-claimed"
    message = FollowUpMessage.objects.select_related(
        "convening", "action", "participant", "recipient_user"
    ).get(pk=message_id)
    today = today or timezone.localdate()
    with translation.override(message.language):
        context = _context(message, today)
        if context is None:
            FollowUpMessage.objects.filter(pk=message.pk).update(status=MessageStatus.SKIPPED)
            return MessageStatus.SKIPPED
        mail = compose(f"engagement/email/{message.kind}", context, language=message.language)
        if message.kind != MessageKind.STAFF_DIGEST:
            # The last guard: whatever the texts above hold, no protected name goes out.
            guard = protection.registry(exclude=[message.participant_id or 0])
            mail = mail.with_texts(guard.scrub)
    subject = mail.subject
    email = mail.message(to=[message.recipient])
    try:
        email.send()
    except Exception as exc:
        FollowUpMessage.objects.filter(pk=message.pk).update(
            status=MessageStatus.FAILED, error=str(exc)[:300], subject=subject[:250]
        )
        raise
    FollowUpMessage.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENT, sent_at=timezone.now(), subject=subject[:250], error=""
    )
    if message.kind == MessageKind.RSVP_REMINDER:
        Invitation.objects.filter(
            convening=message.convening_id, participant=message.participant_id
        ).update(reminded_at=timezone.now())
    return MessageStatus.SENT
