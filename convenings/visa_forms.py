"""Forms of visa support: the details (participant and staff), a letter, the letter's text.

Forms validate input; the views hand `cleaned_data` to `convenings.services.visa`, whose
checks (`check_visa_details`) answer with field errors the forms show next to the field.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common import inputs
from common.forms import PlatformForm
from common.translation import localized

from . import visa
from .models import Payer, VisaDetails
from .services.visa import check_visa_details
from .visa_letters import LetterChoices


def _country_choices():
    return [("", _("Choose a country")), *visa.country_choices()]


class VisaDetailsForm(PlatformForm, forms.Form):
    visa_needed = forms.BooleanField(
        label=_("I need a visa to enter the host country"), required=False
    )
    letter_requested = forms.BooleanField(
        label=_("Please prepare a letter of invitation for my visa application"),
        required=False,
        help_text=_("The secretariat makes it; you can download it here once it is ready."),
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        choices=_country_choices,
        required=False,
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    passport_name = forms.CharField(
        label=_("Name as in the passport"),
        max_length=200,
        required=False,
        help_text=_("Exactly as printed in your passport, in any script."),
    )
    passport_number = forms.CharField(label=_("Passport number"), max_length=30, required=False)
    passport_expiry = forms.DateField(
        label=_("Passport valid until"),
        required=False,
        widget=inputs.DateInput(),
        error_messages={"invalid": _("Enter a date, e.g. 2028-05-31.")},
    )

    def __init__(self, *args, convening, for_staff: bool = False, **kwargs):
        self.convening = convening
        super().__init__(*args, **kwargs)
        if for_staff:
            # Staff fill the same form about someone else: the labels speak of the person.
            self.fields["visa_needed"].label = _("Needs a visa to enter the host country")
            self.fields["letter_requested"].label = _("Asked for a letter of invitation")
            self.fields["letter_requested"].help_text = ""
            self.fields["passport_name"].help_text = _(
                "Exactly as printed in the passport, in any script."
            )

    @classmethod
    def initial_for(cls, details: VisaDetails | None) -> dict:
        if details is None:
            return {}
        return {
            name: getattr(details, name)
            for name in (
                "visa_needed",
                "letter_requested",
                "nationality",
                "passport_name",
                "passport_number",
                "passport_expiry",
            )
        }

    def clean(self):
        data = super().clean()
        try:
            check_visa_details(
                convening=self.convening,
                letter_requested=data.get("letter_requested", False),
                nationality=data.get("nationality", ""),
                passport_name=data.get("passport_name", ""),
                passport_expiry=data.get("passport_expiry"),
            )
        except forms.ValidationError as exc:
            for field, errors in exc.error_dict.items():
                # A field already refused (not a country, not a date) keeps its own message.
                if field not in self.errors:
                    for error in errors:
                        self.add_error(field, error)
        return data


class VisaLetterForm(PlatformForm, forms.Form):
    second_language = forms.ChoiceField(
        label=_("Languages of the letter"), required=False, widget=forms.RadioSelect
    )
    travel_paid_by = forms.ChoiceField(
        label=_("Travel is paid by"),
        choices=Payer.choices,
        initial=Payer.ORGANISERS,
        widget=forms.RadioSelect,
    )
    accommodation_paid_by = forms.ChoiceField(
        label=_("Accommodation is paid by"),
        choices=Payer.choices,
        initial=Payer.ORGANISERS,
        widget=forms.RadioSelect,
    )
    meals_paid_by = forms.ChoiceField(
        label=_("Meals are paid by"),
        choices=Payer.choices,
        initial=Payer.ORGANISERS,
        widget=forms.RadioSelect,
    )
    signatory_name = forms.CharField(label=_("Signed by (name)"), max_length=200)
    signatory_title = forms.CharField(
        label=_("Title of the signatory"),
        max_length=200,
        help_text=_("e.g. Regional Coordinator, Asia Pacific"),
    )

    def __init__(self, *args, host_language: str, **kwargs):
        super().__init__(*args, **kwargs)
        languages = dict(settings.LANGUAGES)
        choices = [("", _("English only"))]
        if host_language:
            choices.append(
                (
                    host_language,
                    _("English and %(language)s") % {"language": languages[host_language]},
                )
            )
            self.fields["second_language"].initial = host_language
        self.fields["second_language"].choices = choices

    def choices(self) -> LetterChoices:
        data = self.cleaned_data
        return LetterChoices(
            second_language=data["second_language"],
            travel_paid_by=data["travel_paid_by"],
            accommodation_paid_by=data["accommodation_paid_by"],
            meals_paid_by=data["meals_paid_by"],
            signatory_name=data["signatory_name"],
            signatory_title=data["signatory_title"],
        )


class LetterTextForm(PlatformForm, forms.Form):
    """The letter's text in each language; unknown placeholders are a field error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[localized("body", code)] = forms.CharField(
                label=_("Letter text in %(language)s") % {"language": name},
                required=code == "en",
                widget=forms.Textarea(attrs={"rows": 14}),
                validators=[visa.validate_letter_text],
                strip=True,
            )

    def bodies(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[localized("body", code)] for code, _name in settings.LANGUAGES
        }
