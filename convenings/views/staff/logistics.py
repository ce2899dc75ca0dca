"""The staff "Logistics" tab of a convening (branch logistics): places and the waiting
list, each person's travel, stay and per-person costs, and the exports for the people who
serve the meeting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.permissions import staff_required
from common.downloads import attachment_response

from ... import logistics_exports, services
from ...logistics_forms import PromoteForm, StaffLogisticsForm
from ...models import Invitation
from ...selectors import logistics as read
from .base import convening_or_404, tabs


@staff_required
def logistics(request, pk: int):
    convening = convening_or_404(pk)
    invitations = list(read.coming(convening=convening))
    waiting = services.waiting_list(convening=convening)
    context = tabs(convening, "logistics")
    context.update(
        {
            "invitations": invitations,
            "waiting": waiting,
            "taken": len(invitations),
            "full": convening.capacity is not None and len(invitations) >= convening.capacity,
            "per_person": read.per_person_costs(invitations),
            "kinds": logistics_exports.KINDS,
        }
    )
    return render(request, "convenings/staff/logistics.html", context)


@staff_required
def logistics_edit(request, pk: int, invitation_id: int):
    convening = convening_or_404(pk)
    invitation = get_object_or_404(
        Invitation.objects.select_related("participant"), pk=invitation_id, convening=convening
    )
    invitation.convening = convening
    form = StaffLogisticsForm(
        request.POST or None,
        convening=convening,
        initial=StaffLogisticsForm.initial_for(invitation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_logistics(invitation=invitation, by=request.user, **form.service_data())
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Travel and stay saved."))
            return redirect("convenings:staff-logistics", pk=convening.pk)
    context = tabs(convening, "logistics")
    context.update({"form": form, "invitation": invitation})
    return render(request, "convenings/staff/logistics_edit.html", context)


@staff_required
def promote(request, pk: int):
    """Promote the first person on the waiting list: the page asks, the POST does it.
    The form names who was offered, so a second press promotes nobody else."""
    convening = convening_or_404(pk)
    waiting = services.waiting_list(convening=convening)
    if request.method == "POST":
        form = PromoteForm(request.POST)
        if form.is_valid():
            try:
                done = services.promote_from_waiting_list(
                    convening=convening,
                    invitation_id=form.cleaned_data["invitation"],
                    by=request.user,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                if done:
                    messages.success(
                        request, _("Promoted: they take part now and are told by e-mail.")
                    )
                else:
                    messages.info(request, _("Already promoted: nothing was done again."))
            return redirect("convenings:staff-logistics", pk=convening.pk)
    if not waiting:
        messages.info(request, _("Nobody is on the waiting list."))
        return redirect("convenings:staff-logistics", pk=convening.pk)
    context = tabs(convening, "logistics")
    context.update(
        {"first": waiting[0], "form": PromoteForm(initial={"invitation": waiting[0].pk})}
    )
    return render(request, "convenings/staff/logistics_promote.html", context)


@staff_required
def export(request, pk: int, kind: str, fmt: str):
    if kind not in logistics_exports.KINDS or fmt not in logistics_exports.FORMATS:
        raise Http404
    convening = convening_or_404(pk)
    body = logistics_exports.build(convening=convening, kind=kind, fmt=fmt)
    name = slugify(convening.title_en or convening.title) or f"convening-{convening.pk}"
    return attachment_response(
        stream=body,
        filename=f"{name}-{kind}.{fmt}",
        content_type=logistics_exports.FORMATS[fmt],
    )
