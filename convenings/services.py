"""Writes about convenings: planning them, inviting people, replies, agenda, site visits.

Every change goes through a function here; each runs in one transaction, writes the
audit log and queues e-mail only after the transaction commits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.audit import diff, record, snapshot
from common.mail import compose
from common.translation import LANGUAGE_CODES, every_language, localized
from participants.models import Participant
from platform_site.zones import at_wall_clock, get_zone, is_known_zone, propose_zone

from .models import (
    AgendaSession,
    Convening,
    ConveningNotice,
    ConveningStatus,
    Invitation,
    InvitationStatus,
    NoticeKind,
    ReminderBatch,
    SessionKind,
    SiteVisit,
)
from .permissions import convening_takes_replies

logger = logging.getLogger(__name__)


CONVENING_FIELDS = [
    *every_language("title"),
    "host_country",
    "city",
    *every_language("venue_name"),
    "venue_address",
    "time_zone",
    "start_date",
    "end_date",
    "format",
    "chatham_house",
    "status",
    "interpretation_languages",
    "currency",
    "cost_travel",
    "cost_venue",
    "cost_interpretation",
    "cost_other",
]
COST_FIELDS = ["currency", "cost_travel", "cost_venue", "cost_interpretation", "cost_other"]
SESSION_FIELDS = [
    "starts_at",
    "ends_at",
    "kind",
    *every_language("title"),
    *every_language("description"),
    "facilitators",
    "room",
    "interpreted_languages",
]
SITE_VISIT_FIELDS = [
    *every_language("programme"),
    "host_organisation",
    "place",
    "date",
    *every_language("learning"),
    "session",
]
REPLY_FIELDS = [
    "status",
    "interpretation_language",
    "access_needs",
    "dietary_needs",
    "travel_support",
    "priorities",
    "chatham_house_accepted_at",
]


def _apply(obj, fields: dict[str, Any], allowed: list[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(obj, name, value)


# --- Convenings ------------------------------------------------------------------------


def _check_convening(convening: Convening) -> None:
    errors: dict[str, list] = {}
    if not (convening.title_en or convening.title):
        errors.setdefault("title_en", []).append(_("Give the convening a title in English."))
    if convening.start_date and convening.end_date and convening.end_date < convening.start_date:
        errors.setdefault("end_date", []).append(_("The convening cannot end before it starts."))
    bad = [code for code in convening.interpretation_languages if code not in LANGUAGE_CODES]
    if bad:
        errors.setdefault("interpretation_languages", []).append(
            _("Unknown language: %(codes)s") % {"codes": ", ".join(bad)}
        )
    currency = convening.currency or ""
    if len(currency) != 3 or not currency.isalpha():
        errors.setdefault("currency", []).append(_("Use a three-letter currency code, e.g. USD."))
    for name in COST_FIELDS[1:]:
        if getattr(convening, name) is not None and getattr(convening, name) < 0:
            errors.setdefault(name, []).append(_("A cost cannot be negative."))
    if not convening.time_zone and convening.host_country_id:
        convening.time_zone = propose_zone(
            country_code=convening.host_country.code, city=convening.city
        )
    if not is_known_zone(convening.time_zone or ""):
        errors.setdefault("time_zone", []).append(
            _("Unknown time zone “%(zone)s”: choose one from the list, e.g. Pacific/Auckland.")
            % {"zone": convening.time_zone}
        )
    if errors:
        raise ValidationError(errors)
    convening.currency = currency.upper()


def bump_sequence(convening: Convening) -> None:
    """The calendar files changed: their SEQUENCE grows so calendar programs take the new
    copy (iCalendar RFC 5545 §3.8.7.4)."""
    Convening.objects.filter(pk=convening.pk).update(sequence=F("sequence") + 1)
    convening.refresh_from_db(fields=["sequence"])


@transaction.atomic
def create_convening(
    *, fields: dict[str, Any], by, create_key: uuid.UUID | None = None
) -> Convening:
    """A new convening; the Chatham House Rule applies unless `fields` says otherwise.

    `create_key` is the key of the form that asked (unique; see convenings/duplicates.py).
    """
    convening = Convening(create_key=create_key)
    _apply(convening, fields, CONVENING_FIELDS)
    _check_convening(convening)
    convening.save()
    record(
        actor=by,
        action="convening.created",
        obj=convening,
        changes=diff({}, snapshot(convening, _audited_convening_fields())),
    )
    return convening


def _audited_convening_fields() -> list[str]:
    return [f for f in CONVENING_FIELDS if f != "host_country"] + ["host_country_id"]


# A change to any of these changes what the calendar files say.
CALENDAR_FIELDS = (
    "start_date",
    "end_date",
    "time_zone",
    "status",
    "host_country_id",
    "city",
    "format",
    "venue_address",
    *every_language("title"),
    *every_language("venue_name"),
)


@transaction.atomic
def update_convening(
    *, convening: Convening, fields: dict[str, Any], by, move_agenda: bool = False
) -> Convening:
    """Save the convening's details.

    New dates with `move_agenda` move every session and site visit by the same number of
    days, each keeping its wall-clock time in the venue's zone (09:00 stays 09:00 across a
    change of daylight saving). A new zone keeps the agenda's wall-clock times too: the
    times were typed for the venue. New dates, a new zone (the instants moved), a
    cancellation or undoing one notify every invitee who has not declined, once per
    change (see `ConveningNotice`)."""
    # Compared with the row as stored, locked: two saves of the same change at once are
    # applied one after the other, and the second finds nothing new to tell anyone.
    locked = Convening.objects.select_for_update().get(pk=convening.pk)
    before = snapshot(locked, _audited_convening_fields())
    old_start, old_zone, old_status = locked.start_date, locked.time_zone, locked.status
    old_end = locked.end_date
    _apply(convening, fields, CONVENING_FIELDS)
    _check_convening(convening)
    convening.sequence = locked.sequence
    convening.save()
    convening.refresh_from_db()
    changes = diff(before, snapshot(convening, _audited_convening_fields()))
    if not changes:
        return convening
    record(actor=by, action="convening.updated", obj=convening, changes=changes)
    shift = dt.timedelta(0)
    if move_agenda and convening.start_date != old_start:
        shift = convening.start_date - old_start
    if shift or convening.time_zone != old_zone:
        _move_agenda(convening=convening, old_zone=old_zone, shift=shift, by=by)
    if any(name in changes for name in CALENDAR_FIELDS):
        bump_sequence(convening)
    kind = notice_for_change(
        old_status=old_status,
        old_dates=(old_start, old_end),
        old_zone=old_zone,
        convening=convening,
    )
    if kind:
        _notify_invitees(convening=convening, kind=kind)
    return convening


def notice_for_change(
    *, old_status: str, old_dates: tuple, old_zone: str, convening: Convening
) -> str | None:
    """The notice (a NoticeKind) that saving `convening` as it now is, over the stored
    status, dates and zone, sends to every invitee who has not declined; None if none.
    The confirmation step asks it before saving, `update_convening` after."""
    if convening.status == ConveningStatus.CANCELLED and old_status != ConveningStatus.CANCELLED:
        return NoticeKind.CANCELLED
    # A cancellation undone: whoever was told it was off hears it is on again (the
    # calendar they hold says CANCELLED). Not for one marked held afterwards.
    if old_status == ConveningStatus.CANCELLED and convening.status in (
        ConveningStatus.PLANNED,
        ConveningStatus.OPEN,
    ):
        return NoticeKind.REINSTATED
    if convening.status != ConveningStatus.CANCELLED and (
        (convening.start_date, convening.end_date) != tuple(old_dates)
        # A new zone keeps the agenda's wall-clock times: every instant moved by hours.
        or (convening.time_zone != old_zone and convening.sessions.exists())
    ):
        return NoticeKind.RESCHEDULED
    return None


def notice_recipients(*, convening: Convening):
    """Who a notice of change goes to: every invitee who has not declined."""
    return Invitation.objects.filter(convening=convening).exclude(status=InvitationStatus.DECLINED)


def _shifted(moment: dt.datetime, *, old_zone: str, new_zone: str, shift: dt.timedelta):
    local = moment.astimezone(get_zone(old_zone))
    return at_wall_clock(local.date() + shift, local.time().replace(tzinfo=None), new_zone)


def _move_agenda(*, convening: Convening, old_zone: str, shift: dt.timedelta, by) -> None:
    sessions = list(AgendaSession.objects.select_for_update().filter(convening=convening))
    for session in sessions:
        session.starts_at = _shifted(
            session.starts_at, old_zone=old_zone, new_zone=convening.time_zone, shift=shift
        )
        session.ends_at = _shifted(
            session.ends_at, old_zone=old_zone, new_zone=convening.time_zone, shift=shift
        )
    AgendaSession.objects.bulk_update(sessions, ["starts_at", "ends_at"])
    if shift:
        SiteVisit.objects.filter(convening=convening).update(date=F("date") + shift)
    record(
        actor=by,
        action="agenda.moved",
        obj=convening,
        changes={"days": [0, shift.days], "time_zone": [old_zone, convening.time_zone]},
    )


def sessions_after_save(
    *, stored: Convening, changed: Convening, move_agenda: bool
) -> list[AgendaSession] | None:
    """The sessions, in order and not saved, as `update_convening` would leave them when
    `changed` (the form's unsaved copy of `stored`) is saved; None when they stay as they
    are. The confirmation step's e-mail shows the first session from these."""
    shift = dt.timedelta(0)
    if move_agenda and changed.start_date != stored.start_date:
        shift = changed.start_date - stored.start_date
    if not shift and changed.time_zone == stored.time_zone:
        return None
    sessions = list(stored.sessions.select_related("site_visit"))
    for session in sessions:
        for name in ("starts_at", "ends_at"):
            setattr(
                session,
                name,
                _shifted(
                    getattr(session, name),
                    old_zone=stored.time_zone,
                    new_zone=changed.time_zone,
                    shift=shift,
                ),
            )
    return sorted(sessions, key=lambda s: (s.starts_at, s.position, s.pk))


def reschedule_preview(
    *, convening: Convening, start_date: dt.date, end_date: dt.date, time_zone: str = ""
) -> dict:
    """What moving the agenda with new dates would do, before anything is saved: each
    session's new day and time in the venue's zone, and which would fall outside."""
    zone = time_zone if is_known_zone(time_zone) else convening.time_zone
    shift = start_date - convening.start_date
    rows = []
    for session in convening.sessions.order_by("starts_at", "position", "pk"):
        new_start = _shifted(
            session.starts_at, old_zone=convening.time_zone, new_zone=zone, shift=shift
        )
        day = new_start.date()
        rows.append(
            {
                "session": session,
                "old": session.starts_at.astimezone(get_zone(convening.time_zone)),
                "new": new_start,
                "outside": not (start_date <= day <= end_date),
            }
        )
    visits = [
        {
            "visit": visit,
            "new": visit.date + shift,
            "outside": not (start_date <= visit.date + shift <= end_date),
        }
        for visit in convening.site_visits.order_by("date", "pk")
    ]
    return {
        "shift_days": shift.days,
        "sessions": rows,
        "visits": visits,
        "outside": sum(r["outside"] for r in rows) + sum(v["outside"] for v in visits),
    }


def _notify_invitees(*, convening: Convening, kind: str) -> list[ConveningNotice]:
    """One notice per invitee who has not declined, unique per change (sequence)."""
    from .tasks import send_convening_notice

    invitations = notice_recipients(convening=convening)
    existing = set(
        ConveningNotice.objects.filter(
            convening=convening, kind=kind, sequence=convening.sequence
        ).values_list("invitation_id", flat=True)
    )
    notices = ConveningNotice.objects.bulk_create(
        [
            ConveningNotice(
                convening=convening,
                invitation=invitation,
                kind=kind,
                sequence=convening.sequence,
                start_date=convening.start_date,
                end_date=convening.end_date,
            )
            for invitation in invitations
            if invitation.pk not in existing
        ]
    )
    for notice in notices:
        send_convening_notice.delay_on_commit(notice_id=notice.pk)
    return notices


@transaction.atomic
def update_costs(*, convening: Convening, fields: dict[str, Any], by) -> Convening:
    """Costs only (the costs tab), so a cost edit cannot touch anything else."""
    unknown = set(fields) - set(COST_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return update_convening(convening=convening, fields=fields, by=by)


# --- Invitations -----------------------------------------------------------------------


@transaction.atomic
def invite_participants(
    *, convening: Convening, participants: Iterable[Participant], by
) -> list[Invitation]:
    """Invite these people; anyone already invited is skipped, anyone whose invitation was
    withdrawn is invited again (convenings/withdrawal.py). Returns the new and restored
    invitations.

    Each new invitee gets one e-mail in their preferred language, sent after commit.
    """
    from .tasks import send_invitation

    wanted = {p.pk: p for p in participants}
    if not wanted:
        return []
    if convening.status == ConveningStatus.CANCELLED:
        raise ValidationError(_("This convening is cancelled: nobody can be invited."))
    # Lock the convening so two staff inviting at once cannot both create the same rows.
    Convening.objects.select_for_update().filter(pk=convening.pk).first()
    # Withdrawn invitations too (all_objects): inviting such a person again restores
    # their invitation, with its reply and needs, rather than making a second one.
    existing = list(Invitation.all_objects.filter(convening=convening, participant_id__in=wanted))
    already = {invitation.participant_id for invitation in existing}
    restored = [invitation for invitation in existing if invitation.withdrawn_at is not None]
    if restored:
        from .withdrawal import restore_invitation

        for invitation in restored:
            restore_invitation(invitation=invitation, by=by)
    created = Invitation.objects.bulk_create(
        [
            Invitation(convening=convening, participant=participant, invited_by=by)
            for pk, participant in wanted.items()
            if pk not in already
        ]
    )
    for invitation in created:
        record(
            actor=by,
            action="invitation.created",
            obj=invitation,
            changes={"participant_id": [None, invitation.participant_id]},
        )
        send_invitation.delay_on_commit(invitation_id=invitation.pk)
    if created:
        # A new invitee can make published notes attribute someone (their name is now a
        # participant's): everything shown to participants is checked again.
        from participants.protection_services import recheck

        recheck(why=f"invited to convening {convening.pk}", by=by)
    return created + restored


# An invitation e-mail still unsent this long after the invitation most likely lost its
# task message (Redis was away when it was queued); after RESEND_WITHIN it is left to staff.
UNSENT_AFTER = dt.timedelta(minutes=15)
RESEND_WITHIN = dt.timedelta(days=2)


def requeue_unsent_invitations() -> int:
    """Queue again the invitation e-mails of recent invitations that never went out.

    Beat runs this; the task claims each invitation, so one still waiting in the queue is
    not e-mailed twice. Only open convenings, and only invitations made in the last
    RESEND_WITHIN: older ones are for staff to look at, not for a machine to retry forever.
    """
    from .tasks import send_invitation

    now = timezone.now()
    ids = list(
        Invitation.objects.filter(
            invitation_sent_at__isnull=True,
            invited_at__lte=now - UNSENT_AFTER,
            invited_at__gte=now - RESEND_WITHIN,
            convening__end_date__gte=timezone.localdate(),
        )
        .exclude(convening__status=ConveningStatus.CANCELLED)
        .values_list("pk", flat=True)
    )
    for invitation_id in ids:
        send_invitation.delay(invitation_id=invitation_id)
    if ids:
        logger.warning("re-queued %s unsent invitation e-mails", len(ids))
    from .adhoc import requeue_stalled_message_deliveries

    return len(ids) + requeue_unsent_notices(now=now) + requeue_stalled_message_deliveries()


def requeue_unsent_notices(*, now: dt.datetime) -> int:
    """Notices of new dates or a cancellation whose task was lost (same rules as above)."""
    from .tasks import send_convening_notice

    ids = list(
        ConveningNotice.objects.filter(
            sent_at__isnull=True,
            created_at__lte=now - UNSENT_AFTER,
            created_at__gte=now - RESEND_WITHIN,
        ).values_list("pk", flat=True)
    )
    for notice_id in ids:
        send_convening_notice.delay(notice_id=notice_id)
    if ids:
        logger.warning("re-queued %s unsent notices of change", len(ids))
    return len(ids)


def _portal_link(convening: Convening) -> str:
    return settings.SITE_URL + reverse("convenings:portal-detail", args=[convening.pk])


def _send_to_invitee(
    *, invitation: Invitation, template: str, attach_calendar: bool = False, extra=None
) -> None:
    message_to_invitee(
        invitation=invitation, template=template, attach_calendar=attach_calendar, extra=extra
    ).send()


def message_to_invitee(
    *,
    invitation: Invitation,
    template: str,
    attach_calendar: bool = False,
    extra=None,
    convening: Convening | None = None,
    sessions: list[AgendaSession] | None = None,
) -> EmailMessage:
    """One e-mail in the invitee's language, not sent (the confirmation step shows it).

    `convening` stands in for the invitation's (a change not saved yet, for a preview). Times in it are the venue's (with the zone's
    abbreviation) and, when different, the invitee's own; with `attach_calendar` the
    convening's .ics (whole event, current SEQUENCE and STATUS) rides along."""
    from . import selectors
    from .calendar import convening_calendar

    participant = invitation.participant
    convening = convening or invitation.convening
    language = participant.preferred_language
    with translation.override(language), timezone.override(convening.zone):
        if sessions is None:  # otherwise the sessions as a change not saved yet leaves them
            sessions = [
                s for _day, day in selectors.agenda_by_day(convening=convening) for s in day
            ]
        context = {
            "invitation": invitation,
            "participant": participant,
            "convening": convening,
            "opening": sessions[0] if sessions else None,
            "viewer_zone": participant.time_zone,
            "link": _portal_link(convening),
            "reply_link": settings.SITE_URL
            + reverse("convenings:portal-reply", args=[invitation.convening_id]),
            **(extra or {}),
        }
        mail = compose(f"convenings/email/{template}", context, language=language)
        calendar = (
            convening_calendar(
                convening=convening, sessions=sessions, per_session=False, url=context["link"]
            )
            if attach_calendar
            else None
        )
    # A text/* attachment gets its charset from Django: naming it here too wrote "charset"
    # twice into the part's Content-Type.
    attachments = [("convening.ics", calendar, "text/calendar")] if calendar is not None else []
    return mail.message(to=[participant.email], attachments=attachments)


def send_invitation_email(*, invitation: Invitation) -> None:
    """The invitation e-mail, in the invitee's preferred language (called by the task),
    with the convening's .ics attached."""
    _send_to_invitee(invitation=invitation, template="invitation", attach_calendar=True)


def notice_is_superseded(*, notice: ConveningNotice) -> bool:
    """New dates that a later change overtook before they were sent: the convening was
    cancelled since, or the same person has a notice of a later change. The e-mail
    describes the convening as it is now, so the later notice says it all."""
    if notice.kind == NoticeKind.WITHDRAWN:
        # Restored before the notice went out: the person is invited after all.
        return notice.invitation.withdrawn_at is None or notice.convening.is_cancelled
    if notice.invitation.withdrawn_at is not None:
        return True  # withdrawn since: they hear nothing more about this convening
    if notice.kind != NoticeKind.CANCELLED and notice.convening.is_cancelled:
        return True
    return ConveningNotice.objects.filter(
        invitation_id=notice.invitation_id, sequence__gt=notice.sequence
    ).exists()


def send_notice_email(*, notice: ConveningNotice) -> None:
    """New dates or a cancellation, with the updated .ics (STATUS:CANCELLED when cancelled)."""
    _send_to_invitee(
        invitation=notice.invitation,
        template=f"notice_{notice.kind}",
        # A withdrawal carries no calendar: the convening itself goes ahead.
        attach_calendar=notice.kind != NoticeKind.WITHDRAWN,
        extra={"notice": notice},
    )


def send_reminder_email(*, invitation: Invitation) -> None:
    _send_to_invitee(invitation=invitation, template="reminder")


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
    by,
    send_key: uuid.UUID | None = None,
    again: bool = False,
) -> Reminders:
    """Remind the chosen invitees who have not replied yet; others are skipped.

    Nothing goes out twice by accident (platform_site/sends.py): a second call with the
    same `send_key` sends nothing and returns the first call's batch, and anyone reminded
    about this convening (by staff or the follow-up schedule) or already due a reminder
    within REMINDER_MIN_INTERVAL_HOURS is skipped, unless staff ask `again` explicitly.
    """
    from .tasks import send_reply_reminder

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


@transaction.atomic
def reply_to_invitation(
    *,
    invitation: Invitation,
    accept: bool,
    interpretation_language: str = "",
    access_needs: str = "",
    dietary_needs: str = "",
    travel_support: bool = False,
    priorities: str = "",
    accepted_chatham_house: bool = False,
    by=None,
) -> Invitation:
    """The participant's reply. Safe when many people reply to one convening at once:
    the invitation row is locked, so two replies to the same invitation apply one after
    the other and no row is duplicated (unique participant + convening)."""
    locked = (
        Invitation.objects.select_for_update()
        .select_related("convening", "participant")
        .get(pk=invitation.pk)
    )
    convening = locked.convening
    errors: dict[str, list] = {}
    if not convening_takes_replies(convening=convening):
        raise ValidationError(_("This convening no longer takes replies."))
    if locked.status in (InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW):
        raise ValidationError(_("Attendance is already recorded; the reply cannot change."))
    if (
        accept
        and interpretation_language
        and interpretation_language not in convening.interpretation_languages
    ):
        errors.setdefault("interpretation_language", []).append(
            _("Interpretation is not offered into this language at this convening.")
        )
    if accept and convening.chatham_house and not accepted_chatham_house:
        errors.setdefault("accepted_chatham_house", []).append(
            _("To take part you need to accept the Chatham House Rule.")
        )
    if errors:
        raise ValidationError(errors)

    before = snapshot(locked, REPLY_FIELDS)
    now = timezone.now()
    locked.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    locked.interpretation_language = interpretation_language if accept else ""
    locked.access_needs = access_needs.strip() if accept else ""
    locked.dietary_needs = dietary_needs.strip() if accept else ""
    locked.travel_support = bool(travel_support) if accept else False
    locked.priorities = priorities.strip()
    if accept and convening.chatham_house:
        locked.chatham_house_accepted_at = locked.chatham_house_accepted_at or now
    locked.replied_at = now
    locked.save(update_fields=[*REPLY_FIELDS, "replied_at"])
    record(
        actor=by or (locked.participant.user if locked.participant.user_id else None),
        action="invitation.replied",
        obj=locked,
        changes=diff(before, snapshot(locked, REPLY_FIELDS)),
    )
    invitation.__dict__.update(
        {name: getattr(locked, name) for name in [*REPLY_FIELDS, "replied_at"]}
    )
    return locked


@transaction.atomic
def record_attendance(
    *,
    convening: Convening,
    attended: Iterable[Invitation] = (),
    no_show: Iterable[Invitation] = (),
    by,
) -> int:
    """After the event has started, mark who came and who did not. Returns rows changed."""
    if convening.start_date > timezone.localdate(timezone=convening.zone):
        raise ValidationError(_("Attendance can be recorded once the convening has started."))
    changed = 0
    for status, invitations in (
        (InvitationStatus.ATTENDED, attended),
        (InvitationStatus.NO_SHOW, no_show),
    ):
        ids = [i.pk for i in invitations]
        for invitation in (
            Invitation.objects.select_for_update()
            .filter(convening=convening, pk__in=ids)
            .exclude(status=status)
        ):
            before = snapshot(invitation, ["status"])
            invitation.status = status
            invitation.save(update_fields=["status"])
            record(
                actor=by,
                action="invitation.attendance",
                obj=invitation,
                changes=diff(before, snapshot(invitation, ["status"])),
            )
            changed += 1
    return changed


# --- Agenda ----------------------------------------------------------------------------


class OverlapError(ValidationError):
    """The session overlaps another in the same room or track: staff may confirm it."""


def overlapping_sessions(session: AgendaSession) -> list[AgendaSession]:
    """Other sessions of the convening in the same room/track (empty: plenary) whose time
    overlaps this one's."""
    if not (session.starts_at and session.ends_at):
        return []
    return list(
        AgendaSession.objects.filter(
            convening_id=session.convening_id,
            room__iexact=(session.room or "").strip(),
            starts_at__lt=session.ends_at,
            ends_at__gt=session.starts_at,
        )
        .exclude(pk=session.pk)
        .order_by("starts_at")
    )


def _check_session(session: AgendaSession, *, allow_overlap: bool = False) -> None:
    errors: dict[str, list] = {}
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = [_("A session must end after it starts.")]
    convening = session.convening
    zone = convening.zone
    if session.starts_at:
        day = session.starts_at.astimezone(zone).date()
        if not (convening.start_date <= day <= convening.end_date):
            errors["starts_at"] = [_("The session must fall within the convening's dates.")]
    if session.ends_at and session.starts_at and "ends_at" not in errors:
        last = session.ends_at.astimezone(zone)
        if last.date() > convening.end_date and last.time() != dt.time(0, 0):
            errors["ends_at"] = [_("The session must end within the convening's dates.")]
    if session.kind not in SessionKind.values:
        errors["kind"] = [_("Choose a kind of session.")]
    _check_protected_names(
        session,
        [
            "facilitators",
            *(localized(f, c) for f in ("title", "description") for c in LANGUAGE_CODES),
        ],
        errors,
    )
    if errors:
        raise ValidationError(errors)
    if not allow_overlap:
        others = overlapping_sessions(session)
        if others:
            raise OverlapError(
                {
                    "starts_at": [
                        _(
                            "This overlaps “%(other)s” (%(start)s-%(end)s) in the same room "
                            "or track. Tick “Keep the overlap” to save it anyway."
                        )
                        % {
                            "other": others[0].title,
                            "start": others[0].starts_at.astimezone(zone).strftime("%H:%M"),
                            "end": others[0].ends_at.astimezone(zone).strftime("%H:%M"),
                        }
                    ]
                },
                code="overlap",
            )


def _check_protected_names(obj, fields: list[str], errors: dict[str, list]) -> None:
    """Agenda and site visits are read by every invitee: they must not name anyone on the
    platform who chose to be hidden or to appear under a pseudonym, or who was erased, in
    any form or script (participants.protection), invited to this convening or not."""
    from engagement.checker import protected_names_in
    from participants.protection_services import resolve_if_clean

    texts = {name: getattr(obj, name, "") or "" for name in fields}
    found = protected_names_in(obj.convening, texts)
    if not found and not errors:
        resolve_if_clean(obj)  # edited so that it names nobody: shown to participants again
    for name, people in found.items():
        errors.setdefault(name, []).append(
            _(
                "This names %(people)s, who chose not to be named to other participants. "
                "Use their display name, or leave the name out."
            )
            % {"people": ", ".join(people)}
        )


def _next_position(convening: Convening) -> int:
    top = convening.sessions.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def add_agenda_session(
    *, convening: Convening, fields: dict[str, Any], by, allow_overlap: bool = False
) -> AgendaSession:
    """A new session; times are aware instants (forms read them in the venue's zone).
    An overlap in the same room/track raises `OverlapError` unless `allow_overlap`."""
    session = AgendaSession(convening=convening)
    _apply(session, fields, SESSION_FIELDS)
    _check_session(session, allow_overlap=allow_overlap)
    session.position = _next_position(convening)
    session.save()
    bump_sequence(convening)
    record(actor=by, action="agenda_session.created", obj=session)
    return session


@transaction.atomic
def update_agenda_session(
    *, session: AgendaSession, fields: dict[str, Any], by, allow_overlap: bool = False
) -> AgendaSession:
    before = snapshot(session, SESSION_FIELDS)
    _apply(session, fields, SESSION_FIELDS)
    _check_session(session, allow_overlap=allow_overlap)
    session.save()
    changes = diff(before, snapshot(session, SESSION_FIELDS))
    if changes:
        bump_sequence(session.convening)
        record(actor=by, action="agenda_session.updated", obj=session, changes=changes)
    return session


@transaction.atomic
def delete_agenda_session(*, session: AgendaSession, by) -> bool:
    """To "Recently deleted" (operations.trash, which also bumps the calendar sequence);
    False when it already was."""
    from operations.trash import delete_object

    return delete_object(obj=session, by=by)


@transaction.atomic
def move_agenda_session(*, session: AgendaSession, direction: str, by) -> AgendaSession:
    """Swap a session with its neighbour on the same day: their time slots trade places,
    each keeps its own length and the gap between them stays."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    zone = session.convening.zone
    day = session.starts_at.astimezone(zone).date()
    same_day = [
        s
        for s in AgendaSession.objects.select_for_update()
        .filter(convening_id=session.convening_id)
        .order_by("starts_at", "position", "pk")
        if s.starts_at.astimezone(zone).date() == day
    ]
    index = next(i for i, s in enumerate(same_day) if s.pk == session.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(same_day):
        return session
    first, second = sorted([same_day[index], same_day[other_index]], key=same_day.index)
    gap = max(second.starts_at - first.ends_at, dt.timedelta(0))
    first_length, second_length = first.ends_at - first.starts_at, second.ends_at - second.starts_at
    start = first.starts_at
    second.starts_at, second.ends_at = start, start + second_length
    first.starts_at = second.ends_at + gap
    first.ends_at = first.starts_at + first_length
    first.position, second.position = second.position, first.position
    for moved in (first, second):
        moved.save(update_fields=["starts_at", "ends_at", "position"])
    bump_sequence(session.convening)
    record(
        actor=by,
        action="agenda_session.moved",
        obj=same_day[index],
        changes={"direction": [None, direction]},
    )
    return same_day[index]


# --- Site visits -----------------------------------------------------------------------


def _check_site_visit(visit: SiteVisit) -> None:
    convening = visit.convening
    errors: dict[str, list] = {}
    if not (visit.programme_en or visit.programme):
        errors["programme_en"] = [_("Name the programme in English.")]
    if visit.date and not (convening.start_date <= visit.date <= convening.end_date):
        errors["date"] = [_("The visit must fall within the convening's dates.")]
    if visit.session_id and visit.session.convening_id != convening.pk:
        errors["session"] = [_("Choose a session of this convening.")]
    _check_protected_names(
        visit,
        ["place", *(localized(f, c) for f in ("programme", "learning") for c in LANGUAGE_CODES)],
        errors,
    )
    if errors:
        raise ValidationError(errors)


def _session_for_visit(*, visit: SiteVisit, starts: dt.time, ends: dt.time, by) -> AgendaSession:
    """The visit's agenda session: its times are the venue's wall-clock times that day."""
    zone = visit.convening.time_zone
    fields: dict[str, Any] = {
        "kind": SessionKind.SITE_VISIT,
        "starts_at": at_wall_clock(visit.date, starts, zone),
        "ends_at": at_wall_clock(visit.date, ends, zone),
        # A visit is its own track: it may run beside plenary sessions.
        "room": str(visit.place)[:100],
    }
    for code in LANGUAGE_CODES:
        fields[localized("title", code)] = getattr(visit, localized("programme", code)) or ""
        fields[localized("description", code)] = getattr(visit, localized("learning", code)) or ""
    return add_agenda_session(convening=visit.convening, fields=fields, by=by, allow_overlap=True)


@transaction.atomic
def create_site_visit(
    *,
    convening: Convening,
    fields: dict[str, Any],
    by,
    session_times: tuple[dt.time, dt.time] | None = None,
) -> SiteVisit:
    """A site visit; with `session_times` it also gets its own agenda session that day."""
    visit = SiteVisit(convening=convening)
    _apply(visit, fields, SITE_VISIT_FIELDS)
    _check_site_visit(visit)
    if session_times and not visit.session_id:
        visit.session = _session_for_visit(
            visit=visit, starts=session_times[0], ends=session_times[1], by=by
        )
    visit.save()
    bump_sequence(convening)
    record(actor=by, action="site_visit.created", obj=visit)
    return visit


@transaction.atomic
def update_site_visit(
    *,
    visit: SiteVisit,
    fields: dict[str, Any],
    by,
    session_times: tuple[dt.time, dt.time] | None = None,
) -> SiteVisit:
    audited = [f for f in SITE_VISIT_FIELDS if f not in ("host_organisation", "session")]
    before = snapshot(visit, audited)
    _apply(visit, fields, SITE_VISIT_FIELDS)
    _check_site_visit(visit)
    if session_times and not visit.session_id:
        visit.session = _session_for_visit(
            visit=visit, starts=session_times[0], ends=session_times[1], by=by
        )
    visit.save()
    changes = diff(before, snapshot(visit, audited))
    if changes:
        bump_sequence(visit.convening)
    record(actor=by, action="site_visit.updated", obj=visit, changes=changes)
    return visit


@transaction.atomic
def delete_site_visit(*, visit: SiteVisit, by) -> bool:
    """The visit goes; its agenda session stays (staff delete it in the agenda if wanted)."""
    from operations.trash import delete_object

    return delete_object(obj=visit, by=by)
