"""The admin's "Erase" on a person (`/staff/people/<pk>/erase/`, URL name
`accounts:erase-person`, kept from when accounts held it; see participants/account_urls.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.forms import EraseConfirmForm
from accounts.permissions import admin_required
from accounts.selectors import is_erased

from ..erasure import erase_person as erase
from ..models import Participant


@admin_required
def erase_person(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_object_or_404(
        Participant.objects.select_related("country", "organisation", "user"), pk=pk
    )
    erased = is_erased(participant)
    form = EraseConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not erased and form.is_valid():
        erase(participant=participant, by=request.user)
        messages.success(request, _("The person's personal data has been erased."))
        url = reverse("accounts:audit-log")
        query = urlencode(
            {"object_type": participant._meta.label_lower, "object_id": participant.pk}
        )
        return redirect(f"{url}?{query}")
    return render(
        request,
        "participants/staff/erase_confirm.html",
        {
            "participant": participant,
            "erased": erased,
            "form": form,
            "invitation_count": participant.invitations.count(),
        },
    )
