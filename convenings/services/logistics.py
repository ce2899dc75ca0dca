"""Travel and stay, capacity and the waiting list (issue 16, branch logistics).

A yes beyond the convening's capacity goes to the waiting list, in the order people said
yes. The convening row is locked while a yes is counted, so two people answering at once
cannot both take the last place (see `seat_or_waitlist`). A decline or a withdrawal frees
a place, but nobody moves up by themselves: staff promote the first person on the list
(`promote_from_waiting_list`), and the person is told once, in their language
(`convenings.tasks.send_promotion`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import diff, record, snapshot
from accounts.models import User

from ..models import Convening, Invitation, InvitationStatus
from ..travel import cost_errors, travel_errors

TRAVEL_FIELDS = ["arrival_at", "departure_at", "travel_mode", "travel_details", "nights"]
COST_FIELDS = ["support_granted", "support_amount", "accommodation_amount", "cost_currency"]
TAKES_A_PLACE = (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED)


def places_taken(convening: Convening, *, excluding: int | None = None) -> int:
    return (
        Invitation.objects.filter(convening=convening, status__in=TAKES_A_PLACE)
        .exclude(pk=excluding)
        .count()
    )


def seat_or_waitlist(*, invitation: Invitation, now: dt.datetime) -> None:
    """Set the status of a yes on a locked invitation: accepted while a place is free
    (or already held), else the waiting list. Locks the convening row first, so the
    count and the decision are one step for concurrent replies."""
    convening = Convening.objects.select_for_update().get(pk=invitation.convening_id)
    if invitation.status in TAKES_A_PLACE:
        invitation.status = InvitationStatus.ACCEPTED
        return
    if invitation.status == InvitationStatus.WAITLISTED:
        return  # keeps its place in the queue
    if convening.capacity is None or places_taken(convening, excluding=invitation.pk) < (
        convening.capacity
    ):
        invitation.status = InvitationStatus.ACCEPTED
        invitation.waitlisted_at = None
    else:
        invitation.status = InvitationStatus.WAITLISTED
        invitation.waitlisted_at = now


def travel_values(
    *,
    arrival_at: dt.datetime | None = None,
    departure_at: dt.datetime | None = None,
    travel_mode: str = "",
    travel_details: str = "",
    nights=(),
) -> dict:
    return {
        "arrival_at": arrival_at,
        "departure_at": departure_at,
        "travel_mode": travel_mode or "",
        "travel_details": (travel_details or "").strip(),
        "nights": sorted({night.isoformat() for night in nights or []}),
    }


def check_travel(*, convening: Convening, values: dict) -> None:
    errors = travel_errors(
        convening=convening,
        arrival_at=values["arrival_at"],
        departure_at=values["departure_at"],
        nights=[dt.date.fromisoformat(n) for n in values["nights"]],
    )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_logistics(
    *,
    invitation: Invitation,
    by: User,
    arrival_at: dt.datetime | None = None,
    departure_at: dt.datetime | None = None,
    travel_mode: str = "",
    travel_details: str = "",
    nights=(),
    travel_support: bool = False,
    support_granted: bool = False,
    support_amount: Decimal | None = None,
    accommodation_amount: Decimal | None = None,
    cost_currency: str = "",
) -> Invitation:
    """Staff enter or correct one person's travel, stay and per-person costs."""
    locked = (
        Invitation.objects.select_for_update().select_related("convening").get(pk=invitation.pk)
    )
    values = travel_values(
        arrival_at=arrival_at,
        departure_at=departure_at,
        travel_mode=travel_mode,
        travel_details=travel_details,
        nights=nights,
    )
    errors = cost_errors(
        support_amount=support_amount,
        accommodation_amount=accommodation_amount,
        currency=cost_currency,
    )
    try:
        check_travel(convening=locked.convening, values=values)
    except ValidationError as exc:
        errors = {**exc.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    fields = [*TRAVEL_FIELDS, "travel_support", *COST_FIELDS]
    before = snapshot(locked, fields)
    for name, value in {
        **values,
        "travel_support": bool(travel_support),
        "support_granted": bool(support_granted),
        "support_amount": support_amount,
        "accommodation_amount": accommodation_amount,
        "cost_currency": cost_currency if (support_amount or accommodation_amount) else "",
    }.items():
        setattr(locked, name, value)
    locked.save(update_fields=fields)
    record(
        actor=by,
        action="invitation.logistics",
        obj=locked,
        changes=diff(before, snapshot(locked, fields)),
    )
    return locked


def waiting_list(*, convening: Convening) -> list[Invitation]:
    """The waiting list in its order: who said yes first comes first."""
    return list(
        Invitation.objects.filter(convening=convening, status=InvitationStatus.WAITLISTED)
        .select_related("participant")
        .order_by("waitlisted_at", "pk")
    )


@transaction.atomic
def promote_from_waiting_list(*, convening: Convening, invitation_id: int, by: User) -> bool:
    """Give the first person on the waiting list a place. `invitation_id` is who the
    confirmed page offered: a second press of the same button finds them promoted
    already and does nothing (returns False). Refused when nobody has left a place free."""
    from ..tasks import send_promotion  # noqa: PLC0415  tasks import this package's services

    locked = Convening.objects.select_for_update().get(pk=convening.pk)
    invitation = (
        Invitation.objects.select_for_update().filter(pk=invitation_id, convening=locked).first()
    )
    if invitation is None or invitation.status != InvitationStatus.WAITLISTED:
        return False
    first = (
        Invitation.objects.filter(convening=locked, status=InvitationStatus.WAITLISTED)
        .order_by("waitlisted_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if first != invitation.pk:
        raise ValidationError(_("Promote people in the order of the waiting list."))
    if locked.capacity is not None and places_taken(locked) >= locked.capacity:
        raise ValidationError(
            _("No place is free: raise the capacity first, or wait for someone to decline.")
        )
    before = snapshot(invitation, ["status"])
    invitation.status = InvitationStatus.ACCEPTED
    invitation.promoted_at = timezone.now()
    # Each promotion is told once: an earlier one (before a no and a new yes) was sent already.
    invitation.promotion_sent_at = None
    invitation.save(update_fields=["status", "promoted_at", "promotion_sent_at"])
    record(
        actor=by,
        action="invitation.promoted",
        obj=invitation,
        changes=diff(before, snapshot(invitation, ["status"])),
    )
    send_promotion.delay_on_commit(invitation_id=invitation.pk)
    return True
