"""Staff pages of the site visits."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required

from ... import selectors, services
from ...forms import (
    SiteVisitForm,
)
from ...models import SiteVisit
from .base import convening_or_404, in_venue_zone, tabs


@staff_required
def site_visit_list(request, pk: int):
    convening = convening_or_404(pk)
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
    context = tabs(convening, "site_visits")
    context.update({"visits": list(selectors.site_visits(convening=convening)), "form": form})
    return render(request, "convenings/staff/site_visits.html", context)


def _visit_or_404(pk: int, visit_id: int, *, deleted_too: bool = False) -> SiteVisit:
    manager = SiteVisit.all_objects if deleted_too else SiteVisit.objects
    visit = get_object_or_404(manager.select_related("convening"), pk=visit_id, convening_id=pk)
    in_venue_zone(visit.convening)
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
    context = tabs(visit.convening, "site_visits")
    context.update({"form": form, "visit": visit})
    return render(request, "convenings/staff/site_visit_form.html", context)


@staff_required
@require_POST
def site_visit_delete(request, pk: int, visit_id: int):
    visit = _visit_or_404(pk, visit_id, deleted_too=True)
    services.delete_site_visit(visit=visit, by=request.user)
    messages.success(request, _("Site visit deleted."))
    return redirect("convenings:staff-site-visits", pk=pk)
