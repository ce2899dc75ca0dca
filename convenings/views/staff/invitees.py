"""Staff pages about the invitees: inviting from the directory, the balance of the list,
reminders, replies and needs, attendance."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from common.once import SAVE_ANYWAY
from common.sends import is_confirmed
from participants.filters import DirectoryFilter, member_countries_first

from ... import duplicates as duplicates_module
from ... import previews, selectors, services
from ...forms import (
    InvitationPickForm,
    InviteForm,
    ReminderForm,
)
from ...models import Convening, ReminderBatch
from .base import convening_or_404, in_venue_zone, tabs

CANDIDATES_SHOWN = 200
# The invitation picker offers the directory's filters but visibility and "active" (only
# active people can be invited).
INVITATION_FILTERS = ("q", "country", "sector", "expertise", "lived_experience")


def _balance_context(request, convening: Convening) -> dict:
    ticked = [v for v in request.GET.getlist("participants") if v.isdigit()]
    return {
        "convening": convening,
        "balance": selectors.invitation_balance(convening=convening, extra_participant_ids=ticked),
    }


def _invite(request, convening: Convening, people: list) -> None:
    already = duplicates_module.already_invited(convening=convening, participants=people)
    try:
        created = services.invite_participants(
            convening=convening, participants=people, by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    messages.success(
        request,
        ngettext("%(count)d person invited.", "%(count)d people invited.", len(created))
        % {"count": len(created)},
    )
    if already:
        # A second tab or a repeated POST: those already invited are not invited again.
        messages.info(
            request,
            ngettext(
                "%(count)d person was already invited and was not invited again.",
                "%(count)d people were already invited and were not invited again.",
                already,
            )
            % {"count": already},
        )


@staff_required
def invitations(request, pk: int):
    convening = convening_or_404(pk)
    countries = member_countries_first()
    filter_form = DirectoryFilter(
        request.GET or None,
        queryset=selectors.directory_candidates(convening=convening),
        countries=countries,
        fields=INVITATION_FILTERS,
    )
    invite_form = InviteForm(request.POST or None)
    invite_duplicates, pending = [], []
    if request.method == "POST":
        if invite_form.is_valid():
            people = list(invite_form.cleaned_data["participants"].select_related("organisation"))
            if SAVE_ANYWAY not in request.POST:
                invite_duplicates = duplicates_module.likely_duplicate_invitees(
                    convening=convening, participants=people
                )
            if invite_duplicates:
                # Nothing is invited yet: the page says who looks like whom, with the
                # people ticked kept in a form that invites them anyway.
                pending = people
            else:
                _invite(request, convening, people)
                return redirect(request.get_full_path())
        else:
            messages.error(request, " ".join(invite_form.errors.get("participants", [])))
    candidates = list(filter_form.qs[: CANDIDATES_SHOWN + 1])
    context = tabs(convening, "invitations")
    context.update(
        {
            "filter_form": filter_form.form,
            "duplicates": invite_duplicates,
            "pending": pending,
            "candidates": candidates[:CANDIDATES_SHOWN],
            "more_candidates": len(candidates) > CANDIDATES_SHOWN,
            "invitees": list(selectors.invitations_for_staff(convening=convening)),
            "withdrawn": list(selectors.withdrawn_invitations(convening=convening)),
            "balance": selectors.invitation_balance(convening=convening),
            # A fresh send key each time the page is shown (common/sends.py).
            "reminder_form": ReminderForm(convening=convening),
            "reminder_hours": settings.REMINDER_MIN_INTERVAL_HOURS,
        }
    )
    return render(request, "convenings/staff/invitations.html", context)


@staff_required
def invitation_balance(request, pk: int):
    """The balance summary alone, refreshed by htmx as boxes are ticked."""
    convening = get_object_or_404(Convening, pk=pk)
    return render(request, "convenings/staff/_balance.html", _balance_context(request, convening))


@staff_required
@require_POST
def send_reminders(request, pk: int):
    convening = get_object_or_404(Convening, pk=pk)
    form = ReminderForm(request.POST, convening=convening)
    if not form.is_valid():
        if "send_key" in form.errors:
            messages.error(request, " ".join(form.errors["send_key"]))
        elif request.POST.getlist("invitations") and "invitations" in form.errors:
            messages.error(request, " ".join(form.errors["invitations"]))
        else:
            messages.error(request, _("Tick the people to remind."))
        return redirect("convenings:staff-invitations", pk=convening.pk)
    if (
        not is_confirmed(request)
        and not ReminderBatch.objects.filter(send_key=form.cleaned_data["send_key"]).exists()
    ):
        # The confirmation step. (A key already used goes straight to its result below.)
        preview, skipped = previews.reminders_preview(
            convening=in_venue_zone(convening),
            invitations=form.cleaned_data["invitations"],
            again=form.cleaned_data["again"],
        )
        notes = []
        if skipped:
            notes.append(
                ngettext(
                    "%(count)d person ticked was reminded recently and will not be reminded "
                    "again; to remind them anyway, go back and tick the box to remind again.",
                    "%(count)d people ticked were reminded recently and will not be reminded "
                    "again; to remind them anyway, go back and tick the box to remind again.",
                    skipped,
                )
                % {"count": skipped}
            )
        back = reverse("convenings:staff-invitations", args=[convening.pk])
        return render(
            request,
            "sends/confirm.html",
            {
                "heading": _("Check the reminder before it goes out"),
                "back_url": back,
                "back_label": _("Back to the invitations"),
                "preview": preview,
                "notes": notes,
                "form": form,
                "action": reverse("convenings:staff-remind", args=[convening.pk]),
                "button": _("Send the reminders now"),
            },
        )
    sent = services.send_reply_reminders(
        convening=convening,
        invitations=form.cleaned_data["invitations"],
        by=request.user,
        send_key=form.cleaned_data["send_key"],
        again=form.cleaned_data["again"],
    )
    if sent.repeated:
        # The same form posted again (double click, resubmit, script): the first press's
        # result stands and nothing more goes out.
        messages.info(
            request,
            _("These reminders were already sent at %(time)s; nothing was sent again.")
            % {"time": date_format(timezone.localtime(sent.batch.requested_at), "TIME_FORMAT")},
        )
        return redirect("convenings:staff-invitations", pk=convening.pk)
    reminded = len(sent.reminded)
    if reminded:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(count)d person.",
                "Reminders are on their way to %(count)d people.",
                reminded,
            )
            % {"count": reminded},
        )
    if sent.skipped_recent:
        messages.info(
            request,
            ngettext(
                "%(count)d person was reminded recently and was not reminded again; to "
                "remind them anyway, tick the box to remind again.",
                "%(count)d people were reminded recently and were not reminded again; to "
                "remind them anyway, tick the box to remind again.",
                sent.skipped_recent,
            )
            % {"count": sent.skipped_recent},
        )
    if not reminded and not sent.skipped_recent:
        messages.info(request, _("Nobody ticked is still waiting to reply; nobody was reminded."))
    return redirect("convenings:staff-invitations", pk=convening.pk)


@staff_required
def replies(request, pk: int):
    convening = convening_or_404(pk)
    context = tabs(convening, "replies")
    invitees = list(selectors.invitations_for_staff(convening=convening))
    context.update(
        {
            "needs": selectors.replies_and_needs(convening=convening, invitations=invitees),
            "invitees": invitees,
            "can_record_attendance": convening.start_date <= timezone.localdate(),
        }
    )
    return render(request, "convenings/staff/replies.html", context)


@staff_required
@require_POST
def record_attendance(request, pk: int):
    convening = get_object_or_404(Convening, pk=pk)
    form = InvitationPickForm(request.POST, convening=convening)
    mark = request.POST.get("mark")
    if not form.is_valid() or mark not in ("attended", "no_show"):
        messages.error(request, _("Tick the people whose attendance you are recording."))
        return redirect("convenings:staff-replies", pk=convening.pk)
    picked = form.cleaned_data["invitations"]
    try:
        changed = services.record_attendance(
            convening=convening,
            attended=picked if mark == "attended" else (),
            no_show=picked if mark == "no_show" else (),
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Attendance recorded for %(count)d person.",
                "Attendance recorded for %(count)d people.",
                changed,
            )
            % {"count": changed},
        )
    return redirect("convenings:staff-replies", pk=convening.pk)
