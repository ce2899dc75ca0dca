"""Reads about ad-hoc messages (convenings/adhoc.py): who a message goes to, the messages
of a convening with their delivery counts, and one message's deliveries."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from participants.models import Country

from .models import (
    Convening,
    Invitation,
    InvitationStatus,
    Message,
    MessageAudience,
    MessageDelivery,
    MessageDeliveryStatus,
)

# Who "accepted" means once the convening is held too: those who came said yes.
ACCEPTED_STATUSES = (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED)


def message_recipients(
    *, convening: Convening, audience: str, countries: Iterable[Country] = ()
) -> QuerySet[Invitation]:
    """The invitations an ad-hoc message to `audience` goes to, one per person.

    The one place that says so: the form's preview, the send and the tests all ask it
    (`Invitation.objects` leaves withdrawn invitations out). Only people whose record is
    active; "everyone invited" includes those who declined.
    """
    invitations = Invitation.objects.filter(convening=convening, participant__is_active=True)
    if audience == MessageAudience.NOT_REPLIED:
        invitations = invitations.filter(status=InvitationStatus.INVITED)
    elif audience == MessageAudience.ACCEPTED:
        invitations = invitations.filter(status__in=ACCEPTED_STATUSES)
    elif audience != MessageAudience.ALL:
        raise ValueError(f"unknown audience: {audience}")
    country_ids = [c.pk for c in countries]
    if country_ids:
        invitations = invitations.filter(participant__country_id__in=country_ids)
    return invitations.select_related("participant__country").order_by("pk")


def invitee_countries(*, convening: Convening) -> QuerySet[Country]:
    """The countries of this convening's invitees (the message form's choice "by country")."""
    # A join reads every row, withdrawn invitations too: they are left out by hand.
    return Country.objects.filter(
        participants__invitations__convening=convening,
        participants__invitations__withdrawn_at__isnull=True,
    ).distinct()


def messages_for_convening(*, convening: Convening) -> QuerySet[Message]:
    """The convening's messages, newest first, with their delivery counts per state."""
    return (
        Message.objects.filter(convening=convening)
        .select_related("sent_by")
        .annotate(
            n_queued=Count("deliveries", filter=Q(deliveries__status=MessageDeliveryStatus.QUEUED)),
            n_sent=Count("deliveries", filter=Q(deliveries__status=MessageDeliveryStatus.SENT)),
            n_failed=Count("deliveries", filter=Q(deliveries__status=MessageDeliveryStatus.FAILED)),
        )
    )


def message_of_convening_or_none(*, convening: Convening, message_id: int) -> Message | None:
    return (
        messages_for_convening(convening=convening)
        .prefetch_related("countries")
        .filter(pk=message_id)
        .first()
    )


def message_deliveries(*, message: Message) -> QuerySet[MessageDelivery]:
    """Each recipient's delivery of one message, by name."""
    return (
        MessageDelivery.objects.filter(message=message)
        .select_related("participant__country")
        .order_by("participant__full_name", "pk")
    )
