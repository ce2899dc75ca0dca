"""Participant portal pages for convenings: my convenings, a convening, reply, calendar.

Every page about one convening goes through `convening_for_participant_or_404` /
`invitation_for_participant_or_404`: another convening answers 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.permissions import participant_required
from common.downloads import attachment_response

from .. import selectors, services
from ..attendee_search import search_attendee_rows
from ..calendar import convening_calendar
from ..forms import ReplyForm
from ..models import Convening, ConveningStatus, Invitation, InvitationStatus
from ..permissions import can_reply, has_checkin_code, invitation_for_participant_or_404
from ..selectors import attendees_visible_to_participant, public_attendee_row
from ..visa_permissions import is_coming


@dataclass(frozen=True)
class ConveningItem:
    """One line of "My convenings", with what the page may offer already decided."""

    invitation: Invitation
    convening: Convening
    # The reply page's own rule (`permissions.can_reply`), and no answer given yet.
    awaiting_reply: bool


def _items(invitations: list[Invitation]) -> list[ConveningItem]:
    return [
        ConveningItem(
            invitation=i,
            convening=i.convening,
            awaiting_reply=i.status == InvitationStatus.INVITED and can_reply(invitation=i),
        )
        for i in invitations
    ]


@participant_required
def home(request):
    upcoming, past = selectors.invitations_of_participant(participant=request.participant)
    return render(
        request,
        "convenings/portal/home.html",
        {"participant": request.participant, "upcoming": _items(upcoming), "past": _items(past)},
    )


# Engagement, which builds on convenings, owns the rule for feedback and registers it from
# its AppConfig.ready (`register_feedback_due`): convenings imports nothing from it.
_FEEDBACK_DUE: list[Callable[..., bool]] = []


def register_feedback_due(rule: Callable[..., bool]) -> None:
    """`rule(participant=, convening=)` says whether the feedback form takes this person's
    feedback on this convening now."""
    _FEEDBACK_DUE[:] = [rule]


def _feedback_due(*, participant, convening: Convening) -> bool:
    """The feedback form takes this person's feedback on this convening (engagement's rule)."""
    return any(rule(participant=participant, convening=convening) for rule in _FEEDBACK_DUE)


@participant_required
def convening_detail(request, pk: int):
    invitation = invitation_for_participant_or_404(participant=request.participant, convening_id=pk)
    convening = invitation.convening
    # Venue time on the page; the reader's own time is printed beside it where it differs.
    timezone.activate(convening.zone)
    return render(
        request,
        "convenings/portal/detail.html",
        {
            "invitation": invitation,
            "convening": convening,
            "days": selectors.agenda_by_day(convening=convening, for_participants=True),
            "visits": list(selectors.site_visits(convening=convening, for_participants=True)),
            "can_reply": can_reply(invitation=invitation),
            "feedback_due": _feedback_due(participant=request.participant, convening=convening),
            "cancelled": convening.status == ConveningStatus.CANCELLED,
            "waiting_place": selectors.waiting_place(invitation=invitation),
            # Decisions for the page's links, asked of the rules their pages apply.
            "visa_page": is_coming(invitation),
            "has_checkin_code": has_checkin_code(invitation=invitation),
        },
    )


@participant_required
def attendees(request, pk: int):
    invitation = invitation_for_participant_or_404(participant=request.participant, convening_id=pk)
    rows = [
        public_attendee_row(i.participant)
        for i in attendees_visible_to_participant(convening=invitation.convening)
    ]
    search = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "convenings/portal/attendees.html",
        {
            "convening": invitation.convening,
            "invitation": invitation,
            "rows": search_attendee_rows(rows, search),
            "any_rows": bool(rows),
            "search": search,
        },
    )


@participant_required
def reply(request, pk: int):
    invitation = invitation_for_participant_or_404(participant=request.participant, convening_id=pk)
    convening = invitation.convening
    # Venue time on the page; the reader's own time is printed beside it where it differs.
    timezone.activate(convening.zone)
    if not can_reply(invitation=invitation):
        messages.info(request, _("This convening no longer takes replies."))
        return redirect("convenings:portal-detail", pk=convening.pk)
    form = ReplyForm(
        request.POST or None, convening=convening, initial=ReplyForm.initial_for(invitation)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.reply_to_invitation(
                invitation=invitation,
                accept=data["accept"],
                interpretation_language=data.get("interpretation_language", ""),
                access_needs=data["access_needs"],
                dietary_needs=data["dietary_needs"],
                travel_support=data["travel_support"],
                priorities=data["priorities"],
                accepted_chatham_house=data.get("accepted_chatham_house", False),
                travel=form.travel_data(),
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if invitation.status == InvitationStatus.WAITLISTED:
                messages.info(
                    request,
                    _(
                        "The convening is full: you are on the waiting list. We will tell "
                        "you by e-mail if a place becomes free."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("Thank you: your reply is saved.")
                    if data["accept"]
                    else _("Thank you for letting us know you cannot come."),
                )
            return redirect("convenings:portal-detail", pk=convening.pk)
    return render(
        request,
        "convenings/portal/reply.html",
        {"invitation": invitation, "convening": convening, "form": form},
    )


@participant_required
def calendar(request, pk: int):
    invitation = invitation_for_participant_or_404(participant=request.participant, convening_id=pk)
    convening = invitation.convening
    # Venue time on the page; the reader's own time is printed beside it where it differs.
    timezone.activate(convening.zone)
    per_session = request.GET.get("per") == "session"
    sessions = [
        s
        for _day, day_sessions in selectors.agenda_by_day(
            convening=convening, for_participants=True
        )
        for s in day_sessions
    ]
    body = convening_calendar(
        convening=convening,
        sessions=sessions,
        per_session=per_session,
        url=request.build_absolute_uri(reverse("convenings:portal-detail", args=[convening.pk])),
    )
    name = slugify(convening.title_en or convening.title) or f"convening-{convening.pk}"
    return attachment_response(
        stream=body, filename=f"{name}.ics", content_type="text/calendar; charset=utf-8"
    )
