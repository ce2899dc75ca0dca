"""Staff withdraw an invitation (after a confirmation page with the choice to tell the
person), or restore a withdrawn one. Services: convenings/withdrawal.py."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import staff_required

from ..models import Invitation
from ..withdrawal import restore_invitation, withdraw_invitation


def _invitation_or_404(pk: int, invitation_id: int) -> Invitation:
    # Withdrawn ones too: a second POST of "withdraw" answers like the first.
    return get_object_or_404(
        Invitation.all_objects.select_related("participant", "convening"),
        pk=invitation_id,
        convening_id=pk,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def invitation_withdraw(request, pk: int, invitation_id: int):
    invitation = _invitation_or_404(pk, invitation_id)
    if request.method == "POST":
        withdraw_invitation(
            invitation=invitation, notify=bool(request.POST.get("notify")), by=request.user
        )
        messages.success(
            request,
            _("The invitation of %(name)s is withdrawn. You can restore it below.")
            % {"name": invitation.participant.full_name},
        )
        return redirect("convenings:staff-invitations", pk=pk)
    return render(
        request,
        "convenings/staff/invitation_withdraw.html",
        {"convening": invitation.convening, "invitation": invitation, "tab": "invitations"},
    )


@staff_required
@require_POST
def invitation_restore(request, pk: int, invitation_id: int):
    invitation = _invitation_or_404(pk, invitation_id)
    restore_invitation(invitation=invitation, by=request.user)
    messages.success(
        request,
        _("%(name)s is invited again.") % {"name": invitation.participant.full_name},
    )
    return redirect("convenings:staff-invitations", pk=pk)
