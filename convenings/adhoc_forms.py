"""The form of an ad-hoc message (convenings/adhoc.py): who to, and the text per language."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.forms import PlatformForm
from common.sends import SendKeyField
from participants.models import Country

from .adhoc_selectors import invitee_countries
from .models import Convening, MessageAudience

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


class MessageForm(PlatformForm, forms.Form):
    audience = forms.ChoiceField(
        label=_("To"),
        choices=MessageAudience.choices,
        initial=MessageAudience.ALL,
        widget=forms.RadioSelect,
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Only from these countries"),
        queryset=Country.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to write to every country."),
    )
    send_key = SendKeyField()
    again = forms.BooleanField(
        label=_("Send again even if the same message already went out to these people"),
        required=False,
    )

    def __init__(self, *args, convening: Convening, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].queryset = invitee_countries(convening=convening).order_by("name")
        for code in LANGUAGE_CODES:
            self.fields[f"subject_{code}"] = forms.CharField(
                label=_("Subject"), max_length=200, required=code == settings.LANGUAGE_CODE
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text"),
                required=code == settings.LANGUAGE_CODE,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
            for name in ("subject", "body"):
                self.fields[f"{name}_{code}"].widget.attrs["lang"] = code

    def language_groups(self) -> list[dict]:
        names = dict(settings.LANGUAGES)
        return [
            {
                "code": code,
                "name": names[code],
                "fields": [self[f"subject_{code}"], self[f"body_{code}"]],
            }
            for code in LANGUAGE_CODES
        ]

    def clean(self):
        data = super().clean()
        for code in LANGUAGE_CODES:
            subject, body = data.get(f"subject_{code}"), data.get(f"body_{code}")
            # A language is written in full or left out (then people get English).
            if subject and not body:
                self.add_error(f"body_{code}", _("Write the text in this language too."))
            elif body and not subject:
                self.add_error(f"subject_{code}", _("Write the subject in this language too."))
        return data

    def texts(self) -> dict[str, tuple[str, str]]:
        """Language code -> (subject, text), for the languages written."""
        return {
            code: (self.cleaned_data[f"subject_{code}"], self.cleaned_data[f"body_{code}"])
            for code in LANGUAGE_CODES
            if self.cleaned_data.get(f"subject_{code}") and self.cleaned_data.get(f"body_{code}")
        }
