"""Inviting people to a convening, their replies, and who attended."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import diff, record, snapshot
from accounts.models import User
from participants.models import Participant
from participants.protection_services import recheck

from ..checkin import forget_check_ins
from ..models import (
    Convening,
    ConveningStatus,
    Invitation,
    InvitationStatus,
)
from ..permissions import convening_takes_replies
from ..withdrawal import restore_invitation
from .fields import REPLY_FIELDS
from .logistics import TRAVEL_FIELDS, check_travel, seat_or_waitlist, travel_values

# --- Invitations -----------------------------------------------------------------------


@transaction.atomic
def invite_participants(
    *, convening: Convening, participants: Iterable[Participant], by: User
) -> list[Invitation]:
    """Invite these people; anyone already invited is skipped, anyone whose invitation was
    withdrawn is invited again (convenings/withdrawal.py). Returns the new and restored
    invitations.

    Each new invitee gets one e-mail in their preferred language, sent after commit.
    """
    from ..tasks import send_invitation  # noqa: PLC0415  tasks import this package's services

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

        recheck(why=f"invited to convening {convening.pk}", by=by)
    return created + restored


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
    travel: dict | None = None,
    by: User | None = None,
) -> Invitation:
    """The participant's reply. Safe when many people reply to one convening at once:
    the invitation row is locked, so two replies to the same invitation apply one after
    the other and no row is duplicated (unique participant + convening). A yes beyond
    the convening's capacity goes to the waiting list (`logistics.seat_or_waitlist`, which
    locks the convening so concurrent yeses are counted one after the other).

    `travel`: arrival, departure, mode, details and nights (`logistics.travel_values`
    keywords), kept only with a yes."""
    if (
        accept
        and Convening.objects.filter(pk=invitation.convening_id, capacity__isnull=False).exists()
    ):
        # Places are counted: the convening is locked before the invitation, in the order
        # promotion takes them (services/logistics.py), so the two cannot deadlock.
        Convening.objects.select_for_update().filter(pk=invitation.convening_id).first()
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
    travel_fields = travel_values(**(travel or {}) if accept else {})
    try:
        check_travel(convening=convening, values=travel_fields)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)

    fields = [*REPLY_FIELDS, *TRAVEL_FIELDS, "waitlisted_at"]
    before = snapshot(locked, fields)
    now = timezone.now()
    if accept:
        seat_or_waitlist(invitation=locked, now=now)
    else:
        locked.status = InvitationStatus.DECLINED
        locked.waitlisted_at = None
    for name, value in travel_fields.items():
        setattr(locked, name, value)
    locked.interpretation_language = interpretation_language if accept else ""
    locked.access_needs = access_needs.strip() if accept else ""
    locked.dietary_needs = dietary_needs.strip() if accept else ""
    locked.travel_support = bool(travel_support) if accept else False
    locked.priorities = priorities.strip()
    if accept and convening.chatham_house:
        locked.chatham_house_accepted_at = locked.chatham_house_accepted_at or now
    locked.replied_at = now
    locked.save(update_fields=[*fields, "replied_at"])
    record(
        actor=by or (locked.participant.user if locked.participant.user_id else None),
        action="invitation.replied",
        obj=locked,
        changes=diff(before, snapshot(locked, fields)),
    )
    invitation.__dict__.update({name: getattr(locked, name) for name in [*fields, "replied_at"]})
    return locked


@transaction.atomic
def record_attendance(
    *,
    convening: Convening,
    attended: Iterable[Invitation] = (),
    no_show: Iterable[Invitation] = (),
    by: User,
) -> int:
    """After the event has started, mark who came and who did not. Returns rows changed."""
    if convening.start_date > timezone.localdate(timezone=convening.zone):
        raise ValidationError(_("Attendance can be recorded once the convening has started."))
    changed = 0
    no_show_ids: list[int] = []
    for status, invitations in (
        (InvitationStatus.ATTENDED, attended),
        (InvitationStatus.NO_SHOW, no_show),
    ):
        ids = [i.pk for i in invitations]
        if status == InvitationStatus.NO_SHOW:
            no_show_ids = ids
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
    if no_show_ids:
        # The correction tool: whoever did not attend has no check-in either, so the
        # desk's counts agree with the attended figures (convenings/checkin.py).
        forget_check_ins(convening=convening, invitation_ids=no_show_ids)
    return changed
