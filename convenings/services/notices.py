"""E-mails to invitees: the invitation, reminders, notices of a change (new dates, a
cancellation), and re-queuing what did not go out."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation

from common.mail import compose

from .. import selectors
from ..adhoc import requeue_stalled_message_deliveries
from ..calendar import convening_calendar
from ..models import (
    AgendaSession,
    Convening,
    ConveningNotice,
    ConveningStatus,
    Invitation,
    InvitationStatus,
    NoticeKind,
)

logger = logging.getLogger(__name__)


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


def _notify_invitees(*, convening: Convening, kind: str) -> list[ConveningNotice]:
    """One notice per invitee who has not declined, unique per change (sequence)."""
    from ..tasks import send_convening_notice  # noqa: PLC0415  tasks import this package's services

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
    from ..tasks import send_invitation  # noqa: PLC0415  tasks import this package's services

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

    return len(ids) + requeue_unsent_notices(now=now) + requeue_stalled_message_deliveries()


def requeue_unsent_notices(*, now: dt.datetime) -> int:
    """Notices of new dates or a cancellation whose task was lost (same rules as above)."""
    from ..tasks import send_convening_notice  # noqa: PLC0415  tasks import this package's services

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


def send_promotion_email(*, invitation: Invitation) -> None:
    """A place is free: the person on the waiting list now takes part (branch logistics)."""
    _send_to_invitee(invitation=invitation, template="promotion", attach_calendar=True)
