"""What a participant reads: their convenings and invitations, and the attendees they may see."""

from __future__ import annotations

from typing import TypedDict

from django.db.models import QuerySet
from django.utils import timezone

from participants.models import Participant, Visibility

from ..models import (
    Convening,
    Invitation,
)


def convenings_for_participant(*, participant: Participant) -> QuerySet[Convening]:
    """Convenings this participant is invited to (any reply)."""
    return Convening.objects.filter(
        invitations__participant=participant, invitations__withdrawn_at__isnull=True
    ).select_related("host_country")


def attendees_visible_to_participant(*, convening: Convening) -> QuerySet[Invitation]:
    """The attendee list a participant of this convening may see.

    Hidden people never appear; callers show pseudonymous people by display name only
    (no organisation, position or country), see `public_attendee_row`.
    """
    return (
        Invitation.objects.filter(convening=convening, status__in=["accepted", "attended"])
        .exclude(participant__visibility=Visibility.HIDDEN)
        .filter(participant__is_active=True)
        .select_related("participant", "participant__organisation", "participant__country")
        .order_by("participant__display_name")
    )


class AttendeeRow(TypedDict):
    """One line of the attendee list participants see (empty strings where withheld)."""

    name: str
    organisation: str
    position: str
    country: str


def public_attendee_row(participant: Participant) -> AttendeeRow:
    """What another participant may know about this (non-hidden) person."""
    if participant.visibility == Visibility.NAMED:
        return {
            "name": participant.display_name or participant.full_name,
            "organisation": participant.organisation.name if participant.organisation else "",
            "position": participant.position,
            "country": participant.country.name if participant.country_id else "",
        }
    return {"name": participant.display_name, "organisation": "", "position": "", "country": ""}


# --- Participant reads -----------------------------------------------------------------


def invitations_of_participant(*, participant: Participant) -> tuple[list, list]:
    """(upcoming, past) invitations of this person, each with its convening, one query."""
    today = timezone.localdate()
    invitations = list(
        Invitation.objects.filter(participant=participant)
        .select_related("convening", "convening__host_country")
        .order_by("convening__start_date", "convening__pk")
    )
    upcoming = [i for i in invitations if i.convening.end_date >= today]
    past = [i for i in invitations if i.convening.end_date < today][::-1]
    return upcoming, past
