"""Forms of substantiation: staff choose whom to ask; a substantiator answers."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.forms import PlatformForm
from common.sends import SendKeyField
from participants.models import Participant

from . import champions
from .forms import ParticipantChoice
from .models import Agreement

# Empty rows offered for people outside the directory.
OUTSIDE_ROWS = 3


class AskForm(PlatformForm, forms.Form):
    """Whom to ask: participants found like champions, and up to OUTSIDE_ROWS outside people."""

    send_key = SendKeyField()
    person_q = forms.CharField(
        label=_("Find participants"),
        required=False,
        max_length=100,
        help_text=_("A name, country or organisation."),
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    participants = ParticipantChoice(
        label=_("Participants to ask"),
        queryset=Participant.objects.select_related("country", "organisation"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(OUTSIDE_ROWS):
            number = index + 1
            self.fields[f"name_{index}"] = forms.CharField(
                label=_("Name (person %(n)d)") % {"n": number}, required=False, max_length=200
            )
            self.fields[f"email_{index}"] = forms.EmailField(
                label=_("E-mail address (person %(n)d)") % {"n": number},
                required=False,
                max_length=254,
            )
            self.fields[f"language_{index}"] = forms.ChoiceField(
                label=_("Language (person %(n)d)") % {"n": number},
                choices=settings.LANGUAGES,
                initial=settings.LANGUAGE_CODE,
                required=False,
            )
        source = self.data if self.is_bound else self.initial
        chosen = source.getlist("participants") if hasattr(source, "getlist") else []
        offered, self.more_people = champions.people(
            chosen=chosen, text=source.get("person_q") or ""
        )
        field = self.fields["participants"]
        field.widget.choices = [(p.pk, field.label_from_instance(p)) for p in offered]
        self.person_search = (source.get("person_q") or "").strip()

    def outside_rows(self) -> list[dict]:
        """The bound fields of each outside person, for the template."""
        return [
            {
                "number": index + 1,
                "name": self[f"name_{index}"],
                "email": self[f"email_{index}"],
                "language": self[f"language_{index}"],
            }
            for index in range(OUTSIDE_ROWS)
        ]

    def clean(self):
        data = super().clean()
        outsiders, seen = [], set()
        for index in range(OUTSIDE_ROWS):
            name = (data.get(f"name_{index}") or "").strip()
            email = (data.get(f"email_{index}") or "").strip()
            if f"email_{index}" in self.errors:
                continue
            if email and not name:
                self.add_error(f"name_{index}", _("Give this person's name."))
            elif name and not email:
                self.add_error(f"email_{index}", _("Give this person's e-mail address."))
            elif email:
                if email.casefold() in seen:
                    self.add_error(
                        f"email_{index}", _("This address is already in the list above.")
                    )
                    continue
                seen.add(email.casefold())
                outsiders.append(
                    {
                        "name": name,
                        "email": email,
                        "language": data.get(f"language_{index}") or settings.LANGUAGE_CODE,
                    }
                )
        data["outsiders"] = outsiders
        if not self.errors and not data.get("participants") and not outsiders:
            raise forms.ValidationError(
                _("Choose at least one participant or give an outside person.")
            )
        return data


YES_NO = [("yes", pgettext_lazy("answer", "Yes")), ("no", pgettext_lazy("answer", "No"))]


class AnswerForm(PlatformForm, forms.Form):
    agreement = forms.ChoiceField(
        label=_("How far do you agree with this description of the change?"),
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how far you agree.")},
    )
    changes = forms.CharField(
        label=_("What would you change in the description?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    knows_contribution = forms.ChoiceField(
        label=_("Do you know of the platform's contribution to this change?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you know of the platform's contribution.")},
    )
    contribution_note = forms.CharField(
        label=_("If so, how do you know of it?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    may_be_named = forms.BooleanField(
        label=_("The platform may name me as a substantiator of this outcome."),
        required=False,
    )

    def answer(self) -> dict:
        data = self.cleaned_data
        return {
            "agreement": data["agreement"],
            "changes": data["changes"].strip(),
            "knows_contribution": data["knows_contribution"] == "yes",
            "contribution_note": data["contribution_note"].strip(),
            "may_be_named": data["may_be_named"],
        }
