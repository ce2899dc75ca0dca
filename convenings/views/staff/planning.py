"""Staff pages for the convenings themselves: dashboard, list, new, details, edit, costs."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.permissions import staff_required
from common.listing import Sorting, paginate
from common.once import SAVE_ANYWAY
from common.sends import is_confirmed
from operations.health import health_report

from ... import duplicates as duplicates_module
from ... import previews, selectors, services
from ...dashboard_charts import convening_charts
from ...filters import ConveningFilter, convening_columns
from ...forms import (
    ConveningForm,
    CostsForm,
    NewConveningForm,
)
from ...models import Convening
from .base import convening_or_404, in_venue_zone, tabs

DASHBOARD_NOT_REPLIED = 15
LIST_PAGE_SIZE = 50


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
    convening = in_venue_zone(get_object_or_404(Convening, pk=pk))
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
                outside = selectors.outside_the_dates(convening=convening).total
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
    convening = convening_or_404(pk)
    context = tabs(convening, "overview")
    needs = selectors.replies_and_needs(convening=convening)
    context.update(
        {
            "days": selectors.agenda_by_day(convening=convening),
            "visits": list(selectors.site_visits(convening=convening)),
            "costs": selectors.cost_summary(convening=convening),
            "needs": needs,
            "outside": selectors.outside_the_dates(convening=convening),
            "notices": selectors.notices_sent(convening=convening),
            # branch onsite: replies over time, reply rate, needs, seats (one query more)
            "charts": convening_charts(convening=convening, needs=needs),
        }
    )
    return render(request, "convenings/staff/detail.html", context)


@staff_required
def costs(request, pk: int):
    convening = convening_or_404(pk)
    form = CostsForm(request.POST or None, instance=copy.copy(convening))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_costs(convening=convening, fields=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Costs saved."))
            return redirect("convenings:staff-costs", pk=convening.pk)
    context = tabs(convening, "costs")
    context.update({"form": form, "summary": selectors.cost_summary(convening=convening)})
    return render(request, "convenings/staff/costs.html", context)
