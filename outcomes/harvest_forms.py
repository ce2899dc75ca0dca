"""Forms of outcome harvesting: the participants' portal form and the staff's review forms."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from briefings.uploads import inspect_upload
from common import inputs
from common.forms import PlatformForm
from common.once import CreateOnceMixin
from participants.protection_services.file_contents import protected_names_in_upload
from participants.selectors import describe_anonymously

from .forms import FIRST_YEAR
from .models import Credit, Outcome, OutcomeSubmission
from .selectors import countries_for_filters


class ConveningChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        year = str(obj.start_date.year)
        if year in obj.title:  # many titles name their year already
            return obj.title
        return _("%(title)s (%(year)s)") % {"title": obj.title, "year": year}


class SubmissionForm(PlatformForm, forms.ModelForm):
    """What changed, who changed, when and where, why it matters, how the platform
    contributed, evidence, and how the participant may be credited."""

    evidence_url = forms.URLField(
        label=_("Evidence: a link"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("A news article, a policy, a statement or a report online."),
    )
    evidence_file = forms.FileField(
        label=_("Evidence: a file"),
        required=False,
        help_text=_("PDF, Word, Excel or PowerPoint."),
    )
    remove_file = forms.BooleanField(label=_("Remove the file sent before"), required=False)
    convenings = ConveningChoice(
        label=_("Which convenings did this grow out of? (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = OutcomeSubmission
        fields = [
            "what_changed",
            "actor_kind",
            "who_changed",
            "date",
            "country",
            "significance",
            "contribution",
            "convenings",
            "evidence_url",
            "evidence_file",
            "credit",
        ]
        labels = {
            "what_changed": _("What changed?"),
            "actor_kind": _("Who changed?"),
            "who_changed": _("Which body, organisation or group?"),
            "date": _("When did it change?"),
            "country": _("Where?"),
            "significance": _("Why does it matter for children and families?"),
            "contribution": _("How did the platform contribute?"),
            "credit": _("How may we credit you?"),
        }
        help_texts = {
            "what_changed": _(
                "A new law, policy, practice or way of working. Describe people by their role, "
                "not by name."
            ),
            "who_changed": _(
                'For example "the Immigration Department" or "the Ministry of Social Welfare".'
            ),
            "date": _("The day, or the first day of the month, if you know only that."),
            "contribution": _("What you or others took from a convening, a contact or a briefing."),
        }
        widgets = {
            "what_changed": forms.Textarea(attrs={"rows": 4}),
            "significance": forms.Textarea(attrs={"rows": 3}),
            "contribution": forms.Textarea(attrs={"rows": 3}),
            "actor_kind": forms.RadioSelect,
            "credit": forms.RadioSelect,
            "date": inputs.DateInput(),
        }

    def __init__(self, *args, participant, convenings, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        self.fields["convenings"].queryset = convenings
        if not convenings.exists():
            del self.fields["convenings"]
        country = self.fields["country"]
        country.queryset = countries_for_filters()
        country.required = False
        country.empty_label = _("Several countries, or the region")
        if not self.instance.evidence_file:
            del self.fields["remove_file"]
        described = describe_anonymously(sector=participant.sector, country=participant.country)
        self.fields["credit"].choices = [
            (Credit.NAMED, _("By my name")),
            (
                Credit.DESCRIBED,
                _('Described, not named: "%(description)s"') % {"description": described},
            ),
            (Credit.NONE, _("Not at all")),
        ]
        self.fields["actor_kind"].choices = self.fields["actor_kind"].choices[1:]  # no "---"
        today = timezone.localdate()
        self.fields["date"].widget.attrs.update(
            {"min": f"{FIRST_YEAR}-01-01", "max": today.isoformat()}
        )
        self.file_dropped = False

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("Give a date that has passed: the change has happened."))
        if date and date < dt.date(FIRST_YEAR, 1, 1):
            raise forms.ValidationError(
                _("Give a date from %(year)s on, when the platform began.") % {"year": FIRST_YEAR}
            )
        return date

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            # The same rule as every evidence and briefing upload: judged by content, size-limited,
            # and its contents may not name someone who may not be named (participants.protection).
            inspect_upload(upload)
            # Not refuse_protected_names: its sentence names the person, for staff; a
            # participant must not learn a hidden person's name from a surname they tried.
            if protected_names_in_upload(upload):
                raise forms.ValidationError(
                    _(
                        "This file names someone who may not be named on the platform. "
                        "Remove the name from the file (its text and its properties, such "
                        "as the author), then upload it again."
                    ),
                    code="protected_in_file",
                )
        return upload

    def _post_clean(self):
        super()._post_clean()
        # A chosen file is not sent back with the page: when anything is wrong, say so.
        if self.errors and self.files.get(self.add_prefix("evidence_file")):
            self.file_dropped = True


class NewSubmissionForm(CreateOnceMixin, SubmissionForm):
    """Sent once however often it is posted (common/once.py)."""


class NoteForm(PlatformForm, forms.Form):
    note = forms.CharField(
        label=_("Note to the participant"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("They read it on the portal, in the words you write, and get one e-mail."),
    )


class MergeForm(PlatformForm, forms.Form):
    outcome = forms.ModelChoiceField(
        label=_("Add to this outcome"),
        queryset=Outcome.objects.none(),
        empty_label=_("Choose an outcome"),
    )

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = outcomes
        self.fields["outcome"].label_from_instance = lambda o: (
            _("%(title)s, %(date)s")
            % {
                "title": o.title,
                "date": o.date.isoformat(),
            }
        )
