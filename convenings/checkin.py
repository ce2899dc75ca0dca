"""On-site check-in, the writes: badge codes (issued, rotated) and checking a person in.

A badge code is an opaque random token (`secrets.token_urlsafe`), one per invitation. The QR
on a badge and on the participant's phone carries the URL of the staff scan page with that
token and nothing else. Rotating a code replaces the token, so the old badge is refused.

Checking in writes two facts in one transaction: a `CheckIn` row for the day (and one for
the session when one is chosen), unique per invitation and day / session in the database,
and the invitation's status ATTENDED, which is what every "attended" figure counts (the
convening's counts, the cost per attendee, the reports). The bulk tick on the replies tab
(`services.record_attendance`) stays as the correction tool and writes the same status;
marking someone "did not attend" there also removes their check-ins
(`forget_check_ins`), so the desk's counts and the attended figures never disagree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import record
from accounts.models import User
from operations.trash import mark_reports_outdated

from .models import (
    AgendaSession,
    BadgeCode,
    CheckIn,
    CheckInMethod,
    Convening,
    Invitation,
    InvitationStatus,
)


def new_token() -> str:
    """22 URL-safe characters from 128 random bits: not guessable, not derived from anyone."""
    return secrets.token_urlsafe(16)


def issue_badge_codes(*, invitations: Iterable[Invitation]) -> dict[int, str]:
    """{invitation id: token} for these invitations, issuing a code to each one without
    one (one query when all have one; then one transaction creates the missing ones and
    reads them back). Issuing twice at once cannot give one invitation two codes
    (one-to-one, unique in the database: the second insert is ignored and read back)."""
    wanted = [i.pk for i in invitations]
    codes = dict(
        BadgeCode.objects.filter(invitation_id__in=wanted).values_list("invitation_id", "token")
    )
    missing = [pk for pk in wanted if pk not in codes]
    if missing:
        with transaction.atomic():
            BadgeCode.objects.bulk_create(
                [BadgeCode(invitation_id=pk, token=new_token()) for pk in missing],
                ignore_conflicts=True,
            )
            codes.update(
                BadgeCode.objects.filter(invitation_id__in=missing).values_list(
                    "invitation_id", "token"
                )
            )
    return codes


@transaction.atomic
def rotate_badge_code(*, invitation: Invitation, by: User) -> str:
    """A new code for this invitation: badges and phone codes printed before are refused."""
    token = new_token()
    updated = BadgeCode.objects.filter(invitation=invitation).update(
        token=token, created_at=timezone.now()
    )
    if not updated:
        BadgeCode.objects.create(invitation=invitation, token=token)
    record(actor=by, action="invitation.badge_code_rotated", obj=invitation)
    return token


@dataclasses.dataclass(frozen=True)
class CheckInResult:
    invitation: Invitation
    day: dt.date
    session: AgendaSession | None
    created: bool  # False: already checked in (the code was scanned twice)
    checked_in_at: dt.datetime


def venue_today(convening: Convening) -> dt.date:
    return timezone.localdate(timezone=convening.zone)


def refuse_invitation(invitation: Invitation, convening: Convening | None) -> None:
    """Raise the reason this invitation cannot be checked in at `convening`'s desk."""
    if convening is not None and invitation.convening_id != convening.pk:
        raise ValidationError(
            _("This code belongs to another convening (%(title)s): nobody was checked in."),
            code="other_convening",
            params={"title": invitation.convening.title},
        )
    if invitation.withdrawn_at is not None:
        raise ValidationError(
            _("This invitation was withdrawn: the person cannot be checked in."),
            code="withdrawn",
        )
    if invitation.status == InvitationStatus.WAITLISTED:
        raise ValidationError(
            _(
                "This person is on the waiting list: promote them on the Logistics tab "
                "before checking them in."
            ),
            code="waitlisted",
        )
    if invitation.convening.is_cancelled:
        raise ValidationError(
            _("This convening is cancelled: nobody can be checked in."), code="cancelled"
        )


def _refuse_day(convening: Convening, day: dt.date, session: AgendaSession | None) -> None:
    if not convening.start_date <= day <= convening.end_date:
        raise ValidationError(
            _("This day is not one of the convening's days."), code="outside_dates"
        )
    if day > venue_today(convening):
        raise ValidationError(
            _("People are checked in on the day itself, not ahead of it."), code="future_day"
        )
    if session is not None and (
        session.convening_id != convening.pk
        or session.deleted_at is not None
        or timezone.localdate(session.starts_at, timezone=convening.zone) != day
    ):
        raise ValidationError(_("This session is not on the chosen day."), code="session_day")


@transaction.atomic
def check_in(
    *,
    invitation: Invitation,
    day: dt.date,
    session: AgendaSession | None = None,
    method: str = CheckInMethod.SEARCH,
    by: User,
    convening: Convening | None = None,
) -> CheckInResult:
    """Check this person in for the day (and the session, if given). Checking in twice, or
    from two phones at once, records it once: the invitation row is locked, and the
    database allows one row per invitation and day (and per invitation and session).

    `convening`: the convening the desk checks in for; an invitation of another one is
    refused, as are withdrawn invitations, cancelled convenings, days outside the dates
    and days still ahead."""
    locked = (
        Invitation.all_objects.select_for_update()
        .select_related("convening", "participant")
        .get(pk=invitation.pk)
    )
    refuse_invitation(locked, convening)
    _refuse_day(locked.convening, day, session)
    row, created = CheckIn.objects.get_or_create(
        invitation=locked,
        day=day,
        session=None,
        defaults={"method": method, "checked_in_by": by},
    )
    if session is not None:
        row, created = CheckIn.objects.get_or_create(
            invitation=locked,
            day=day,
            session=session,
            defaults={"method": method, "checked_in_by": by},
        )
    if created:
        record(
            actor=by,
            action="invitation.checked_in",
            obj=locked,
            changes={"day": [None, day.isoformat()], "session_id": [None, session and session.pk]},
        )
    if locked.status != InvitationStatus.ATTENDED:
        before = locked.status
        locked.status = InvitationStatus.ATTENDED
        locked.save(update_fields=["status"])
        record(
            actor=by,
            action="invitation.attendance",
            obj=locked,
            changes={"status": [before, InvitationStatus.ATTENDED]},
        )
        mark_reports_outdated(year=locked.convening.start_date.year)
    return CheckInResult(
        invitation=locked,
        day=day,
        session=session,
        created=created,
        checked_in_at=row.checked_in_at,
    )


def invitation_for_code(*, token: str) -> Invitation:
    """The invitation a code belongs to (withdrawn ones too, so the refusal can say why);
    a code that was rotated away or never issued is refused."""
    code = (
        BadgeCode.objects.select_related(
            "invitation", "invitation__convening", "invitation__participant"
        )
        .filter(token=token)
        .first()
    )
    if code is None:
        raise ValidationError(
            _("This code is not valid: it was replaced by a newer one, or never issued."),
            code="unknown_code",
        )
    return code.invitation


def forget_check_ins(*, convening: Convening, invitation_ids: Iterable[int]) -> int:
    """The correction "did not attend" (the replies tab's bulk tick): their check-ins go,
    so the desk's counts agree with the attended figures. Runs inside the caller's
    transaction; returns rows removed."""
    removed, _detail = CheckIn.objects.filter(
        invitation__convening=convening, invitation_id__in=list(invitation_ids)
    ).delete()
    return removed
