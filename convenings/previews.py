"""What a reminder or a notice of change would put in people's inboxes, for the
confirmation step (common/sends.py).

Each e-mail is built by `services.message_to_invitee`, the composer the tasks send with.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from common.sends import SendPreview, build_send_preview

from . import services
from .models import Convening, ConveningNotice, Invitation


def _preview(invitations: Iterable[Invitation], compose) -> SendPreview:
    return build_send_preview(
        recipients=list(invitations),
        participant_of=lambda i: i.participant,
        language_of=lambda i: i.participant.preferred_language,
        compose=compose,
    )


def reminders_preview(
    *, convening: Convening, invitations: Iterable[Invitation], again: bool
) -> tuple[SendPreview, int]:
    """The reminders a press of "Send a reminder" would send, and how many of the people
    picked it would skip as reminded recently."""
    due, recent = services.reminders_due(
        convening=convening, invitations=invitations, again=again, now=timezone.now()
    )
    for invitation in due:
        invitation.convening = convening
    preview = _preview(
        due,
        lambda invitation, _language: services.message_to_invitee(
            invitation=invitation, template="reminder"
        ),
    )
    return preview, len(recent)


def notice_preview(*, changed: Convening, kind: str, sessions: list | None = None) -> SendPreview:
    """The notice of `kind` that saving `changed` (not saved yet) would send; `sessions`
    are the agenda as the save would leave it (services.sessions_after_save), if moved."""
    invitations = (
        services.notice_recipients(convening=changed)
        .select_related("participant", "convening")
        .order_by("pk")
    )

    def compose(invitation: Invitation, _language: str):
        notice = ConveningNotice(
            convening=changed,
            invitation=invitation,
            kind=kind,
            sequence=changed.sequence + 1,
            start_date=changed.start_date,
            end_date=changed.end_date,
        )
        return services.message_to_invitee(
            invitation=invitation,
            template=f"notice_{kind}",
            attach_calendar=True,
            extra={"notice": notice},
            convening=changed,
            sessions=sessions,
        )

    return _preview(invitations, compose)
