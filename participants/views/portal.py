"""The participant's own pages: "My profile"."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.permissions import participant_required

from .. import services
from ..forms import ProfileForm
from ..models import Participant


@participant_required
def profile(request):
    participant = request.participant
    form = ProfileForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                participant=participant,
                by=request.user,
                preferred_language=form.cleaned_data["preferred_language"],
                display_name=form.cleaned_data["display_name"],
                visibility=form.cleaned_data["visibility"],
                time_zone=form.cleaned_data["time_zone"] or None,
                consents=form.consents(),
            )
        except services.ParticipantError as exc:
            form.add_error(None, str(exc))
        else:
            # Said in the language the next page will be in.
            with translation.override(form.cleaned_data["preferred_language"]):
                messages.success(request, _("Your profile is saved."))
            return redirect("participants:portal-profile")
    consents = [
        (form[name], getattr(participant, name), getattr(participant, f"{name}_at"))
        for name in Participant.CONSENT_FIELDS
    ]
    return render(
        request,
        "participants/portal/profile.html",
        {"form": form, "participant": participant, "consents": consents},
    )
