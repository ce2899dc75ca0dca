"""Staff pages for convenings: dashboard, list, the convening page and its tabs."""

from __future__ import annotations

import copy
import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from operations.health import health_report
from participants.filters import DirectoryFilter, member_countries_first
from platform_site.listing import Sorting, paginate
from platform_site.once import SAVE_ANYWAY
from platform_site.sends import is_confirmed

from .. import duplicates as duplicates_module
from .. import previews, selectors, services
from ..filters import ConveningFilter, convening_columns
from ..forms import (
    AgendaSessionForm,
    ConveningForm,
    CostsForm,
    InvitationPickForm,
    InviteForm,
    NewConveningForm,
    ReminderForm,
    SiteVisitForm,
)
from ..models import AgendaSession, Convening, ReminderBatch, SiteVisit

DASHBOARD_NOT_REPLIED = 15
CANDIDATES_SHOWN = 200
LIST_PAGE_SIZE = 50
# The invitation picker offers the directory's filters but visibility and "active" (only
# active people can be invited).
INVITATION_FILTERS = ("q", "country", "sector", "expertise", "lived_experience")


def _tabs(convening: Convening, current: str) -> dict:
    return {"convening": convening, "tab": current}


def _in_venue_zone(convening: Convening) -> Convening:
    """A page about one convening reads and prints times in the venue's zone (the
    middleware puts the reader's own zone back after the request)."""
    timezone.activate(convening.zone)
    return convening


def _convening_or_404(pk: int) -> Convening:
    return _in_venue_zone(selectors.convening_with_counts_or_404(convening_id=pk))


@staff_required
def dashboard(request):
    upcoming = list(selectors.upcoming_convenings()[:6])
    not_replied = list(selectors.not_replied()[:DASHBOARD_NOT_REPLIED])
    # Without asking the broker: a page must not wait on Redis (/healthz/ has the queue).
    operations = health_report(ask_broker=False)
    return render(
        request,
        "convenings/staff/dashboard.html",
        {
            "upcoming": upcoming,
            "not_replied": not_replied,
            "limit": DASHBOARD_NOT_REPLIED,
            "operations_problems": operations.problems,
            "operations_report": operations,
        },
    )


@staff_required
def convening_list(request):
    """Upcoming and past convenings, searched and sorted alike; the past ones by pages."""
    columns = convening_columns()
    # Without a chosen order, upcoming ones come soonest first and past ones latest first.
    upcoming_sort = Sorting(request.GET, columns, default="dates")
    past_sort = Sorting(request.GET, columns, default="-dates")
    upcoming = ConveningFilter(request.GET or None, queryset=selectors.upcoming_convenings())
    past = ConveningFilter(request.GET or None, queryset=selectors.past_convenings())
    page, query = paginate(request.GET, past_sort.apply(past.qs), per_page=LIST_PAGE_SIZE)
    return render(
        request,
        "convenings/staff/list.html",
        {
            "form": upcoming.form,
            "searched": bool(upcoming.form.is_valid() and any(upcoming.form.cleaned_data.values())),
            "sort": request.GET.get("sort", ""),
            "upcoming": list(upcoming_sort.apply(upcoming.qs)),
            "upcoming_headers": upcoming_sort.headers(),
            "past": list(page.object_list),
            "past_headers": past_sort.headers(),
            "page": page,
            "query": query,
        },
    )


@staff_required
def convening_create(request):
    form = NewConveningForm(request.POST or None, initial={"currency": "USD", "time_zone": ""})
    duplicates = []
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["create_key"]
        earlier = duplicates_module.earlier_from_form(create_key=key)
        if earlier is not None:
            # The same form posted again (double click, resubmit, a second tab, a script).
            messages.info(request, _("This convening was already created; nothing new was saved."))
            return redirect("convenings:staff-detail", pk=earlier.pk)
        if SAVE_ANYWAY not in request.POST:
            duplicates = duplicates_module.likely_duplicates(fields=form.model_fields())
        if not duplicates:
            try:
                convening, repeated = duplicates_module.create_convening_once(
                    fields=form.model_fields(), by=request.user, create_key=key
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if repeated:
                    messages.info(
                        request, _("This convening was already created; nothing new was saved.")
                    )
                else:
                    messages.success(request, _("Convening created."))
                return redirect("convenings:staff-detail", pk=convening.pk)
    return render(
        request,
        "convenings/staff/form.html",
        {"form": form, "convening": None, "duplicates": duplicates},
    )


def _dates_move(convening: Convening, data: dict) -> bool:
    """New dates for a convening with an agenda or site visits: show the preview first."""
    new = (data.get("start_date"), data.get("end_date"))
    return new != (convening.start_date, convening.end_date) and (
        convening.sessions.exists() or convening.site_visits.exists()
    )


def _notice_on_save(convening: Convening, form: ConveningForm) -> str | None:
    """The notice saving this form would send to the invitees (see update_convening);
    None when it sends none, or nobody would get it (then there is nothing to confirm)."""
    if not services.notice_recipients(convening=convening).exists():
        return None
    return services.notice_for_change(
        old_status=convening.status,
        old_dates=(convening.start_date, convening.end_date),
        old_zone=convening.time_zone,
        convening=form.instance,
    )


NOTICE_HEADINGS = {
    "cancelled": gettext_lazy("Check the cancellation notice before it goes out"),
    "rescheduled": gettext_lazy("Check the notice of new dates before it goes out"),
    "reinstated": gettext_lazy(
        "Check the notice that the convening is on again before it goes out"
    ),
}


def _confirm_notice(request, convening: Convening, form: ConveningForm, kind: str):
    """The confirmation step before a save that notifies every invitee who has not
    declined. Saving the same change twice notifies nobody twice (ConveningNotice is
    unique per invitation, kind and calendar sequence)."""
    back = reverse("convenings:staff-edit", args=[convening.pk])
    return render(
        request,
        "sends/confirm.html",
        {
            "heading": NOTICE_HEADINGS[kind],
            "back_url": back,
            "back_label": _("Back to the convening's details"),
            "preview": previews.notice_preview(
                changed=form.instance,
                kind=kind,
                sessions=services.sessions_after_save(
                    stored=convening,
                    changed=form.instance,
                    move_agenda=form.cleaned_data["move_agenda"],
                ),
            ),
            "form": form,
            "extra_hidden": [("confirm_dates", request.POST.get("confirm_dates", ""))],
            "action": back,
            "button": _("Save and send the notice now"),
        },
    )


@staff_required
def convening_edit(request, pk: int):
    convening = _in_venue_zone(get_object_or_404(Convening, pk=pk))
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and data.get("confirm_dates") != "1":
        data["move_agenda"] = "on"  # the preview offers moving the agenda, ticked
    # The form validates a copy: the service compares the stored values with the new ones.
    form = ConveningForm(data, instance=copy.copy(convening))
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _dates_move(convening, data) and request.POST.get("confirm_dates") != "1":
            # One step with a preview: the new days of every session and visit, and
            # which would fall outside the new dates, before anything is saved.
            preview = services.reschedule_preview(
                convening=convening,
                start_date=data["start_date"],
                end_date=data["end_date"],
                time_zone=data.get("time_zone") or "",
            )
        elif (notice := _notice_on_save(convening, form)) and not is_confirmed(request):
            return _confirm_notice(request, convening, form, notice)
        else:
            try:
                services.update_convening(
                    convening=convening,
                    fields=form.model_fields(),
                    move_agenda=data["move_agenda"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Convening saved."))
                outside = selectors.outside_the_dates(convening=convening)["total"]
                if outside:
                    messages.warning(
                        request,
                        ngettext(
                            "%(count)d session or site visit is outside the convening's dates: "
                            "move or delete it.",
                            "%(count)d sessions or site visits are outside the convening's "
                            "dates: move or delete them.",
                            outside,
                        )
                        % {"count": outside},
                    )
                return redirect("convenings:staff-detail", pk=convening.pk)
    return render(
        request,
        "convenings/staff/form.html",
        {"form": form, "convening": convening, "preview": preview},
    )


@staff_required
def convening_detail(request, pk: int):
    convening = _convening_or_404(pk)
    context = _tabs(convening, "overview")
    context.update(
        {
            "days": selectors.agenda_by_day(convening=convening),
            "visits": list(selectors.site_visits(convening=convening)),
            "costs": selectors.cost_summary(convening=convening),
            "needs": selectors.replies_and_needs(convening=convening),
            "outside": selectors.outside_the_dates(convening=convening),
            "notices": selectors.notices_sent(convening=convening),
        }
    )
    return render(request, "convenings/staff/detail.html", context)


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
    convening = _convening_or_404(pk)
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
    context = _tabs(convening, "invitations")
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
            # A fresh send key each time the page is shown (platform_site/sends.py).
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
            convening=_in_venue_zone(convening),
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
    convening = _convening_or_404(pk)
    context = _tabs(convening, "replies")
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


def _session_initial(convening: Convening) -> dict:
    # 09:00-10:00 on the first day, in the venue's zone (active on this page).
    start = dt.datetime.combine(convening.start_date, dt.time(9, 0), tzinfo=convening.zone)
    return {"starts_at": start, "ends_at": start + dt.timedelta(hours=1)}


def _save_session(form: AgendaSessionForm, save) -> bool:
    """Call the service; errors go next to their fields, an overlap offers "Keep the overlap"."""
    try:
        save(fields=form.model_fields(), allow_overlap=form.cleaned_data["keep_overlap"])
    except services.OverlapError as exc:
        form.add_error(None, exc)
        form.overlap = True
        return False
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


@staff_required
def agenda(request, pk: int):
    convening = _convening_or_404(pk)
    form = AgendaSessionForm(request.POST or None, initial=_session_initial(convening))
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_session(
            form,
            lambda **kw: services.add_agenda_session(convening=convening, by=request.user, **kw),
        )
    ):
        messages.success(request, _("Session added."))
        return redirect("convenings:staff-agenda", pk=convening.pk)
    context = _tabs(convening, "agenda")
    context.update(
        {
            "days": selectors.agenda_by_day(convening=convening),
            "outside": selectors.outside_the_dates(convening=convening),
            "form": form,
        }
    )
    return render(request, "convenings/staff/agenda.html", context)


def _session_or_404(pk: int, session_id: int, *, deleted_too: bool = False) -> AgendaSession:
    # Deleting looks at deleted rows too: a second POST answers like the first.
    manager = AgendaSession.all_objects if deleted_too else AgendaSession.objects
    session = get_object_or_404(manager.select_related("convening"), pk=session_id, convening_id=pk)
    _in_venue_zone(session.convening)
    return session


@staff_required
def agenda_session_edit(request, pk: int, session_id: int):
    session = _session_or_404(pk, session_id)
    form = AgendaSessionForm(request.POST or None, instance=copy.copy(session))
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_session(
            form,
            lambda **kw: services.update_agenda_session(session=session, by=request.user, **kw),
        )
    ):
        messages.success(request, _("Session saved."))
        return redirect("convenings:staff-agenda", pk=pk)
    context = _tabs(session.convening, "agenda")
    context.update({"form": form, "session": session})
    return render(request, "convenings/staff/session_form.html", context)


@staff_required
@require_POST
def agenda_session_delete(request, pk: int, session_id: int):
    session = _session_or_404(pk, session_id, deleted_too=True)
    services.delete_agenda_session(session=session, by=request.user)
    messages.success(request, _("Session deleted."))
    return redirect("convenings:staff-agenda", pk=pk)


@staff_required
@require_POST
def agenda_session_move(request, pk: int, session_id: int):
    session = _session_or_404(pk, session_id)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    services.move_agenda_session(session=session, direction=direction, by=request.user)
    return redirect(reverse("convenings:staff-agenda", args=[pk]) + f"#session-{session.pk}")


@staff_required
def site_visit_list(request, pk: int):
    convening = _convening_or_404(pk)
    form = SiteVisitForm(
        request.POST or None, convening=convening, initial={"date": convening.start_date}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.create_site_visit(
                convening=convening,
                fields=form.model_fields(),
                session_times=form.session_times(),
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Site visit added."))
            return redirect("convenings:staff-site-visits", pk=convening.pk)
    context = _tabs(convening, "site_visits")
    context.update({"visits": list(selectors.site_visits(convening=convening)), "form": form})
    return render(request, "convenings/staff/site_visits.html", context)


def _visit_or_404(pk: int, visit_id: int, *, deleted_too: bool = False) -> SiteVisit:
    manager = SiteVisit.all_objects if deleted_too else SiteVisit.objects
    visit = get_object_or_404(manager.select_related("convening"), pk=visit_id, convening_id=pk)
    _in_venue_zone(visit.convening)
    return visit


@staff_required
def site_visit_edit(request, pk: int, visit_id: int):
    visit = _visit_or_404(pk, visit_id)
    form = SiteVisitForm(request.POST or None, instance=copy.copy(visit), convening=visit.convening)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_site_visit(
                visit=visit,
                fields=form.model_fields(),
                session_times=form.session_times(),
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Site visit saved."))
            return redirect("convenings:staff-site-visits", pk=pk)
    context = _tabs(visit.convening, "site_visits")
    context.update({"form": form, "visit": visit})
    return render(request, "convenings/staff/site_visit_form.html", context)


@staff_required
@require_POST
def site_visit_delete(request, pk: int, visit_id: int):
    visit = _visit_or_404(pk, visit_id, deleted_too=True)
    services.delete_site_visit(visit=visit, by=request.user)
    messages.success(request, _("Site visit deleted."))
    return redirect("convenings:staff-site-visits", pk=pk)


@staff_required
def costs(request, pk: int):
    convening = _convening_or_404(pk)
    form = CostsForm(request.POST or None, instance=copy.copy(convening))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_costs(convening=convening, fields=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Costs saved."))
            return redirect("convenings:staff-costs", pk=convening.pk)
    context = _tabs(convening, "costs")
    context.update({"form": form, "summary": selectors.cost_summary(convening=convening)})
    return render(request, "convenings/staff/costs.html", context)
