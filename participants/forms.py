"""Forms for the staff directory, the participant record, the import and "My profile".

Forms only check input; the views hand the cleaned data to `participants.services`.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common import inputs
from common.forms import PlatformForm
from common.zones import propose_zone, zone_choices

from .importing import MAX_IMPORT_BYTES
from .models import Country, Organisation, Participant, Visibility

RECORD_FORM_FIELDS = [
    "full_name",
    "display_name",
    "other_names",
    "email",
    "country",
    "organisation",
    "sector",
    "position",
    "expertise_level",
    "lived_experience",
    "visibility",
    "preferred_language",
    "time_zone",
    "is_active",
    "joined_on",
    "notes",
]

ANY = [("", pgettext_lazy("filter", "Any"))]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class PlainLabelsForm(PlatformForm, forms.Form):
    """The platform's form base (labels without Django's trailing colon, one-line inputs)."""


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.country.code})" if obj.country_id else obj.name


class ParticipantForm(PlainLabelsForm):
    """The directory record (staff). A plain form, so the record is changed only by the service."""

    def __init__(self, *args, participant: Participant | None = None, **kwargs):
        self.participant = participant
        if participant is not None:
            kwargs.setdefault(
                "initial",
                model_to_dict(
                    participant, fields=RECORD_FORM_FIELDS + list(Participant.CONSENT_FIELDS)
                ),
            )
        super().__init__(*args, **kwargs)
        for name in RECORD_FORM_FIELDS + list(Participant.CONSENT_FIELDS):
            self.fields[name] = Participant._meta.get_field(name).formfield()
        self.fields["country"].queryset = Country.objects.order_by("-is_member", "name")
        self.fields["time_zone"] = forms.ChoiceField(
            label=_("Time zone"),
            required=False,
            choices=[("", _("Propose from the country")), *zone_choices()],
            help_text=_("Reminders reach the person at 09:00 in this zone."),
        )
        self.fields["organisation"] = OrganisationChoiceField(
            label=_("Organisation"),
            queryset=Organisation.objects.select_related("country").order_by("name"),
            required=False,
        )
        self.fields["new_organisation"] = forms.CharField(
            label=_("Or a new organisation"),
            max_length=200,
            required=False,
            help_text=_("When it is not in the list: added with this sector and country."),
        )
        self.order_fields([*RECORD_FORM_FIELDS[:6], "new_organisation", *RECORD_FORM_FIELDS[6:]])
        self.fields["display_name"].required = False
        # Django's own catalogue translates a bare "active" as "usable"; say what we mean.
        self.fields["is_active"].label = pgettext_lazy("participant", "Active")
        self.fields["is_active"].help_text = _("Untick when the person no longer takes part.")
        # An <input type=date> takes ISO dates whatever the page language.
        self.fields["joined_on"].widget = inputs.DateInput()
        self.fields["notes"].widget.attrs["rows"] = 3
        self.fields["notes"].help_text = _("Only the secretariat sees these notes.")
        self.fields["email"].help_text = (
            _("Changing it here does not change the address the person signs in with.")
            if participant is not None and participant.user_id
            else ""
        )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        others = Participant.objects.filter(email__iexact=email)
        if self.participant is not None:
            others = others.exclude(pk=self.participant.pk)
        if others.exists():
            raise forms.ValidationError(_("A participant with this e-mail address already exists."))
        return email

    def clean(self):
        data = super().clean()
        if data.get("organisation") and (data.get("new_organisation") or "").strip():
            self.add_error(
                "new_organisation",
                _("Choose an organisation from the list or type a new one, not both."),
            )
        if data.get("visibility") == Visibility.PSEUDONYMOUS:
            pseudonym = (data.get("display_name") or "").strip()
            if not pseudonym or pseudonym.casefold() == (data.get("full_name") or "").casefold():
                self.add_error(
                    "display_name",
                    _("A pseudonymous participant needs a pseudonym, not their name."),
                )
        return data

    def record_data(self) -> dict:
        """Keyword arguments for the services; a typed new organisation goes as its name."""
        data = {name: self.cleaned_data[name] for name in RECORD_FORM_FIELDS}
        if (self.cleaned_data.get("new_organisation") or "").strip():
            data["organisation"] = self.cleaned_data["new_organisation"].strip()
        return data

    def consents(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] for name in Participant.CONSENT_FIELDS}


class ImportUploadForm(PlainLabelsForm):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "One participant per row; the first row names the columns, as in the template."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload


VISIBILITY_EXPLAINED = {
    Visibility.NAMED: _(
        "Other participants of your convenings see your name, organisation, position and country."
    ),
    Visibility.PSEUDONYMOUS: _(
        "Other participants see only your display name, which should be a pseudonym. "
        "They do not see your organisation, position or country."
    ),
    Visibility.HIDDEN: _(
        "You do not appear on any attendee list or page other participants can see. "
        "Only the secretariat knows you take part."
    ),
}


class ProfileForm(PlainLabelsForm):
    """What a participant changes about themselves on "My profile"."""

    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("Pages, e-mails and briefings come to you in this language when we have it."),
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        choices=zone_choices,
        required=False,
        help_text=_(
            "Convening times are shown in the venue's time and, beside them, in yours. "
            "Reminders reach you in your morning."
        ),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=120,
        required=False,
        help_text=_("The name other participants see."),
    )
    visibility = forms.ChoiceField(
        label=_("What other participants see"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
    )
    consent_contact = forms.BooleanField(
        label=_("The secretariat may contact me about the platform's work."), required=False
    )
    consent_named_in_reports = forms.BooleanField(
        label=_("I may be named in reports."), required=False
    )
    consent_quoted = forms.BooleanField(
        label=_("What I say may be quoted (without my name unless I agree to be named)."),
        required=False,
    )
    consent_photographed = forms.BooleanField(label=_("I may be photographed."), required=False)

    def __init__(self, *args, participant: Participant, **kwargs):
        self.participant = participant
        kwargs.setdefault(
            "initial",
            model_to_dict(
                participant,
                fields=[
                    "preferred_language",
                    "time_zone",
                    "display_name",
                    "visibility",
                    *Participant.CONSENT_FIELDS,
                ],
            ),
        )
        super().__init__(*args, **kwargs)
        if not self.initial.get("time_zone"):
            self.initial["time_zone"] = propose_zone(country_code=participant.country.code)

    def clean(self):
        data = super().clean()
        if data.get("visibility") == Visibility.PSEUDONYMOUS:
            pseudonym = (data.get("display_name") or "").strip()
            if not pseudonym or pseudonym.casefold() == self.participant.full_name.casefold():
                self.add_error(
                    "display_name",
                    _("Choose a pseudonym that is not your name, so others cannot recognise you."),
                )
        return data

    def visibility_options(self):
        """(value, label, explanation, checked) for the radio list with explanations."""
        current = self["visibility"].value()
        return [
            (value, label, VISIBILITY_EXPLAINED[value], value == current)
            for value, label in Visibility.choices
        ]

    def consents(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] for name in Participant.CONSENT_FIELDS}
