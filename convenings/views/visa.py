"""Visa support pages: the participant's own visa details and letters (portal), and the
staff's list, one person's details and letters, and the letter's text.

Access: `convenings.visa_permissions` (another person's or convening's letter answers 404).
Generating a letter is confirmed first: the form's POST shows what the letter will say
and to whom; the confirm POST (`confirm=1`) makes it, once per inputs and day.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import participant_required, staff_required
from common.downloads import attachment_response
from common.sends import is_confirmed

from .. import visa
from ..selectors import visa as visa_selectors
from ..services import visa as visa_services
from ..visa_forms import LetterTextForm, VisaDetailsForm, VisaLetterForm
from ..visa_letters import letter_languages, letter_sections
from ..visa_permissions import (
    can_change_visa_details,
    invitation_of_convening_or_404,
    is_coming,
    letter_of_convening_or_404,
    own_invitation_or_404,
    own_letter_or_404,
)
from .staff.base import convening_or_404, tabs


def _letter_response(letter):
    # The name says nothing about the person (it may be saved on a shared computer).
    return attachment_response(
        stream=letter.file.open("rb"),
        filename=f"visa-letter-{letter.pk}.pdf",
        content_type="application/pdf",
    )


# --- Portal --------------------------------------------------------------------------------


@participant_required
def portal_visa(request, pk: int):
    invitation = own_invitation_or_404(participant=request.participant, convening_id=pk)
    convening = invitation.convening
    timezone.activate(convening.zone)
    if not is_coming(invitation):
        messages.info(request, _("Visa details are asked once you have accepted the invitation."))
        return redirect("convenings:portal-detail", pk=convening.pk)
    details = visa_selectors.visa_details_of(invitation=invitation)
    editable = can_change_visa_details(invitation=invitation)
    form = VisaDetailsForm(
        request.POST if request.method == "POST" and editable else None,
        convening=convening,
        initial=VisaDetailsForm.initial_for(details),
    )
    if request.method == "POST" and editable and form.is_valid():
        try:
            visa_services.save_visa_details(
                invitation=invitation, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your visa details are saved."))
            return redirect("convenings:portal-visa", pk=convening.pk)
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "convenings/visa/portal.html",
        {
            "invitation": invitation,
            "convening": convening,
            "form": form,
            "details": details,
            "editable": editable,
            "letters": list(visa_selectors.letters_of(invitation=invitation)),
            "removal_date": visa_services.removal_date(convening),
        },
    )


@participant_required
def portal_letter(request, pk: int, letter_id: int):
    invitation = own_invitation_or_404(participant=request.participant, convening_id=pk)
    letter = own_letter_or_404(invitation=invitation, letter_id=letter_id)
    return _letter_response(letter)


# --- Staff ---------------------------------------------------------------------------------


@staff_required
def staff_visa_list(request, pk: int):
    convening = convening_or_404(pk)
    return render(
        request,
        "convenings/visa/staff_list.html",
        {
            **tabs(convening, "visa"),
            "invitations": list(visa_selectors.visa_invitations(convening=convening)),
            "figures": visa_selectors.visa_figures(convening=convening),
            "removal_date": visa_services.removal_date(convening),
        },
    )


def _letter_form(request, convening, data=None):
    return VisaLetterForm(data, host_language=visa.host_language(convening.host_country.code))


@staff_required
def staff_visa_person(request, pk: int, invitation_id: int):
    """One person's details (staff correct them) and letters, and the letter form."""
    convening = convening_or_404(pk)
    invitation = invitation_of_convening_or_404(convening=convening, invitation_id=invitation_id)
    details = visa_selectors.visa_details_of(invitation=invitation)
    form = VisaDetailsForm(
        request.POST or None,
        convening=convening,
        initial=VisaDetailsForm.initial_for(details),
        for_staff=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            visa_services.save_visa_details(
                invitation=invitation, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The visa details are saved."))
            return redirect(
                "convenings:staff-visa-person", pk=convening.pk, invitation_id=invitation.pk
            )
    return _person_page(
        request, convening, invitation, details, form, _letter_form(request, convening)
    )


def _person_page(request, convening, invitation, details, form, letter_form, *, refused=None):
    return render(
        request,
        "convenings/visa/staff_person.html",
        {
            **tabs(convening, "visa"),
            "invitation": invitation,
            "details": details,
            "form": form,
            "letter_form": letter_form,
            "refused": refused,
            "letters": list(visa_selectors.letters_of(invitation=invitation)),
            "removal_date": visa_services.removal_date(convening),
        },
    )


@staff_required
def staff_visa_letter_new(request, pk: int, invitation_id: int):
    """POST only: the letter form shows its confirmation, the confirmation makes the letter."""
    convening = convening_or_404(pk)
    invitation = invitation_of_convening_or_404(convening=convening, invitation_id=invitation_id)
    if request.method != "POST":
        return redirect(
            "convenings:staff-visa-person", pk=convening.pk, invitation_id=invitation.pk
        )
    details = visa_selectors.visa_details_of(invitation=invitation)
    letter_form = _letter_form(request, convening, request.POST)
    details_form = VisaDetailsForm(
        convening=convening, initial=VisaDetailsForm.initial_for(details), for_staff=True
    )
    if not letter_form.is_valid():
        return _person_page(request, convening, invitation, details, details_form, letter_form)
    choices = letter_form.choices()
    if not is_confirmed(request):
        try:
            visa_services.check_letter_inputs(
                details=details, template=visa_selectors.letter_template(), choices=choices
            )
        except ValidationError as exc:
            return _person_page(
                request,
                convening,
                invitation,
                details,
                details_form,
                letter_form,
                refused=exc.messages,
            )
        sections = letter_sections(
            details=details,
            convening=convening,
            template=visa_selectors.letter_template(),
            choices=choices,
            on=timezone.localdate(timezone=convening.zone),
        )
        return render(
            request,
            "convenings/visa/staff_confirm.html",
            {
                **tabs(convening, "visa"),
                "invitation": invitation,
                "letter_form": letter_form,
                "sections": sections,
                "languages": letter_languages(choices),
            },
        )
    try:
        _letter, created = visa_services.generate_visa_letter(
            invitation=invitation, by=request.user, choices=choices
        )
    except ValidationError as exc:
        return _person_page(
            request, convening, invitation, details, details_form, letter_form, refused=exc.messages
        )
    if created:
        messages.success(
            request,
            _("The letter is ready. The participant can download it from their convening page."),
        )
    else:
        messages.info(
            request,
            _("This letter was already made with the same text today: nothing new was made."),
        )
    return redirect("convenings:staff-visa-person", pk=convening.pk, invitation_id=invitation.pk)


@staff_required
def staff_letter(request, pk: int, letter_id: int):
    convening = convening_or_404(pk)
    return _letter_response(letter_of_convening_or_404(convening=convening, letter_id=letter_id))


@staff_required
def staff_letter_text(request):
    template = visa_selectors.letter_template()
    form = LetterTextForm(request.POST or None)
    for name in form.fields:
        form.fields[name].initial = getattr(template, name) or ""
    if request.method == "POST" and form.is_valid():
        try:
            visa_services.save_letter_text(bodies=form.bodies(), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The letter text is saved."))
            return redirect("convenings:staff-visa-letter-text")
    return render(
        request,
        "convenings/visa/staff_letter_text.html",
        {"form": form, "placeholders": sorted(visa.PLACEHOLDERS.items())},
    )
