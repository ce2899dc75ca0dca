"""Travel and stay fields, shared by the participant's reply form and the staff form
(branch logistics). Times are typed in the venue's zone: the views activate it, and
Django's DateTimeField reads a typed time in the active zone."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from common import inputs
from common.currencies import CurrencyField
from common.forms import PlatformForm

from .models import Convening, Invitation, TravelMode
from .travel import cost_errors, night_choices, travel_errors

AMOUNT_ERRORS = {
    "invalid": _("Enter an amount as a number, e.g. 1250.50."),
    "min_value": _("An amount cannot be negative."),
    "max_digits": _("This amount is too large."),
    "max_decimal_places": _("Give at most two decimal places."),
    "max_whole_digits": _("This amount is too large."),
}


def _night_label(night: dt.date) -> str:
    following = night + dt.timedelta(days=1)
    return f"{date_format(night, 'D j M')} → {date_format(following, 'D j M')}"


class TravelFieldsMixin(forms.Form):
    arrival_at = forms.DateTimeField(
        label=_("Arrival (venue time)"), required=False, widget=inputs.DateTimeInput()
    )
    departure_at = forms.DateTimeField(
        label=_("Departure (venue time)"), required=False, widget=inputs.DateTimeInput()
    )
    travel_mode = forms.ChoiceField(
        label=_("Travelling by"),
        required=False,
        choices=[("", "—"), *TravelMode.choices],
    )
    travel_details = forms.CharField(
        label=_("Flight number or details"),
        required=False,
        max_length=200,
        help_text=_("For example MH 711, or the train and its time."),
    )
    nights = forms.TypedMultipleChoiceField(
        label=_("Nights of accommodation"),
        required=False,
        coerce=dt.date.fromisoformat,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Choose nights within the convening's dates (one day either side at most)."
            )
        },
    )

    def _setup_travel(self, convening: Convening) -> None:
        self.convening = convening
        self.fields["nights"].choices = [
            (night.isoformat(), _night_label(night)) for night in night_choices(convening)
        ]
        self.fields["arrival_at"].help_text = _("In the venue's time zone (%(zone)s).") % {
            "zone": convening.time_zone
        }

    def _clean_travel(self, data: dict) -> None:
        for name, messages in travel_errors(
            convening=self.convening,
            arrival_at=data.get("arrival_at"),
            departure_at=data.get("departure_at"),
            nights=data.get("nights") or [],
        ).items():
            for message in messages:
                self.add_error(name, message)

    def travel_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in TRAVEL_FORM_FIELDS}

    @staticmethod
    def travel_initial(invitation: Invitation) -> dict:
        return {
            "arrival_at": invitation.arrival_at,
            "departure_at": invitation.departure_at,
            "travel_mode": invitation.travel_mode,
            "travel_details": invitation.travel_details,
            "nights": list(invitation.nights or []),
        }


TRAVEL_FORM_FIELDS = ["arrival_at", "departure_at", "travel_mode", "travel_details", "nights"]


class StaffLogisticsForm(PlatformForm, TravelFieldsMixin):
    """Staff enter or correct one person's travel, stay and what the secretariat pays."""

    travel_support = forms.BooleanField(label=_("Travel support requested"), required=False)
    support_granted = forms.BooleanField(label=_("Travel support granted"), required=False)
    support_amount = forms.DecimalField(
        label=_("Travel support amount"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages=AMOUNT_ERRORS,
    )
    accommodation_amount = forms.DecimalField(
        label=_("Accommodation cost"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages=AMOUNT_ERRORS,
    )
    cost_currency = CurrencyField(
        label=_("Currency of these amounts"),
        required=False,
        help_text=_("Amounts are reported in this currency; nothing is converted."),
    )

    def __init__(self, *args, convening: Convening, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_travel(convening)
        self.fields["cost_currency"].choices = [("", "—"), *self.fields["cost_currency"].choices]

    @classmethod
    def initial_for(cls, invitation: Invitation) -> dict:
        return {
            **cls.travel_initial(invitation),
            "travel_support": invitation.travel_support,
            "support_granted": invitation.support_granted,
            "support_amount": invitation.support_amount,
            "accommodation_amount": invitation.accommodation_amount,
            "cost_currency": invitation.cost_currency or invitation.convening.currency,
        }

    def clean(self):
        data = super().clean()
        self._clean_travel(data)
        for name, messages in cost_errors(
            support_amount=data.get("support_amount"),
            accommodation_amount=data.get("accommodation_amount"),
            currency=data.get("cost_currency") or "",
        ).items():
            if name not in self.errors:
                for message in messages:
                    self.add_error(name, message)
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            **self.travel_data(),
            "travel_support": data["travel_support"],
            "support_granted": data["support_granted"],
            "support_amount": data.get("support_amount"),
            "accommodation_amount": data.get("accommodation_amount"),
            "cost_currency": data.get("cost_currency") or "",
        }


class PromoteForm(PlatformForm, forms.Form):
    """The confirmed promotion: who the page offered (a second press finds them promoted)."""

    invitation = forms.IntegerField(widget=forms.HiddenInput)
