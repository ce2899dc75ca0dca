"""Withdrawing an invitation, and restoring it.

A withdrawn invitation keeps its reply, needs and history for the record, but counts
nowhere: `Invitation.objects` hides it (reply figures, needs, interpretation, reminders,
pack recipients, follow-ups, report figures all read through it or filter joins on
`invitations__withdrawn_at__isnull=True`), and the person no longer sees the convening in
the portal. Staff see it on the invitations tab, marked withdrawn, with "Restore".
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.audit import record
from accounts.models import User
from operations.trash import mark_reports_outdated

from .models import ConveningNotice, Invitation, NoticeKind


def _report_year(invitation: Invitation) -> int:
    return invitation.convening.start_date.year


@transaction.atomic
def withdraw_invitation(*, invitation: Invitation, notify: bool, by: User) -> bool:
    """Withdraw; with `notify`, the person gets a notice in their language after commit.

    False, and nothing sent, when it was already withdrawn (a repeated POST)."""
    from .tasks import send_convening_notice  # noqa: PLC0415  tasks import the services, which import this module

    now = timezone.now()
    claimed = Invitation.all_objects.filter(pk=invitation.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=by if getattr(by, "is_authenticated", False) else None
    )
    if not claimed:
        return False
    invitation.withdrawn_at, invitation.withdrawn_by = now, by
    record(
        actor=by,
        action="invitation.withdrawn",
        obj=invitation,
        changes={"notified": [None, notify]},
    )
    mark_reports_outdated(year=_report_year(invitation))
    if notify:
        convening = invitation.convening
        notice, created = ConveningNotice.objects.get_or_create(
            invitation=invitation,
            kind=NoticeKind.WITHDRAWN,
            sequence=convening.sequence,
            defaults={
                "convening": convening,
                "start_date": convening.start_date,
                "end_date": convening.end_date,
            },
        )
        if not created:
            # Withdrawn before, restored, and withdrawn again: this is a new withdrawal.
            ConveningNotice.objects.filter(pk=notice.pk).update(sent_at=None, superseded=False)
        send_convening_notice.delay_on_commit(notice_id=notice.pk)
    return True


@transaction.atomic
def restore_invitation(*, invitation: Invitation, by: User) -> bool:
    """Invite again: the invitation counts as before, with the reply it had. False when
    it was not withdrawn."""
    claimed = Invitation.all_objects.filter(pk=invitation.pk, withdrawn_at__isnull=False).update(
        withdrawn_at=None, withdrawn_by=None
    )
    if not claimed:
        return False
    invitation.withdrawn_at = invitation.withdrawn_by = None
    record(actor=by, action="invitation.restored", obj=invitation)
    mark_reports_outdated(year=_report_year(invitation))
    return True
