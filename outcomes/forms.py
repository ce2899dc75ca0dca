"""Forms for outcomes, evidence, challenges and lessons, and report requests."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from briefings.uploads import inspect_upload
from common import inputs
from common.forms import PlatformForm
from common.once import CreateOnceMixin
from common.translation import LANGUAGE_CODES, every_language, localized
from convenings.models import Convening
from participants.models import Participant
from participants.protection_services import refuse_protected_names

from . import champions
from .models import (
    ChallengeCategory,
    ChallengeLesson,
    EvidenceKind,
    FrameworkCommitment,
    Outcome,
    OutcomeEvidence,
    ReportFormat,
    ReportKind,
)
from .reports.selectors import may_be_named
from .selectors import countries_for_filters

FIRST_YEAR = 2019


def language_groups(form, fields: list[str]) -> list[dict]:
    """Bound fields grouped by language, for one <details> per language in templates."""
    names = dict(settings.LANGUAGES)
    return [
        {
            "code": code,
            "name": names[code],
            "fields": [form[localized(f, code)] for f in fields],
        }
        for code in LANGUAGE_CODES
    ]


class ParticipantChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Participant) -> str:
        values = {
            "name": obj.full_name,
            "country": obj.country.name,
            "sector": obj.get_sector_display(),
        }
        if obj.organisation_id:
            values["organisation"] = obj.organisation.name
            if may_be_named(obj):
                return _("%(name)s · %(organisation)s · %(country)s · named in reports") % values
            return _("%(name)s · %(organisation)s · %(country)s · described, not named") % values
        if may_be_named(obj):
            return _("%(name)s · %(country)s · %(sector)s · named in reports") % values
        return _("%(name)s · %(country)s · %(sector)s · described, not named") % values


class OutcomeForm(PlatformForm, forms.ModelForm):
    TRANSLATED = ["title", "what_changed", "who_changed", "significance", "contribution"]

    champions = ParticipantChoice(
        label=_("Champions"),
        queryset=Participant.objects.select_related("country", "organisation").order_by(
            "full_name"
        ),
        required=False,
        # Only the chosen people and a search's matches are offered (outcomes/champions.py).
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "People who led the change. In reports they are named only if they agreed to be "
            "named; otherwise they are described by role and country."
        ),
    )
    champion_q = forms.CharField(
        label=_("Find champions"),
        required=False,
        max_length=100,
        help_text=_("A name, country or organisation."),
        widget=forms.SearchInput(
            attrs={
                "data-hx-get": reverse_lazy("outcomes:staff-champion-search"),
                "data-hx-trigger": "input changed delay:400ms, search",
                "data-hx-target": "#champion-choices",
                "data-hx-include": "#champion-choices",  # its ticked boxes
                "autocomplete": "off",
            }
        ),
    )
    convenings = forms.ModelMultipleChoiceField(
        label=_("Linked convenings"),
        queryset=Convening.objects.select_related("host_country").order_by("-start_date"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    frameworks = forms.ModelMultipleChoiceField(
        label=_("Framework alignment"),
        queryset=FrameworkCommitment.objects.order_by("framework", "position", "code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Outcome
        fields = [
            "kind",
            "country",
            "date",
            *every_language("title", "what_changed", "who_changed", "significance", "contribution"),
            "champions",
            "convenings",
            "frameworks",
        ]
        widgets = {
            "date": inputs.DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in every_language(
                    "what_changed", "who_changed", "significance", "contribution"
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_champions()
        self.fields["country"].queryset = countries_for_filters()
        self.fields["country"].required = False
        self.fields["country"].empty_label = _("Regional (no single country)")
        self.fields["country"].help_text = _("Leave empty for a regional outcome.")
        for name in ("title", "what_changed"):
            self.fields[localized(name, settings.LANGUAGE_CODE)].required = True

    def offer_champions(self) -> None:
        """Offer the chosen champions and the matches of the champion search, not everyone."""
        source = self.data if self.is_bound else self.initial
        if hasattr(source, "getlist"):
            chosen = source.getlist("champions")
        else:
            chosen = [getattr(p, "pk", p) for p in source.get("champions") or []]
        text = source.get("champion_q") or ""
        offered, self.more_champions = champions.people(chosen=chosen, text=text)
        field = self.fields["champions"]
        field.widget.choices = [(p.pk, field.label_from_instance(p)) for p in offered]
        self.champion_search = text.strip()

    def language_groups(self) -> list[dict]:
        return language_groups(self, self.TRANSLATED)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate() + dt.timedelta(days=366):
            raise forms.ValidationError(_("The date is too far in the future."))
        return date


class NewOutcomeForm(CreateOnceMixin, OutcomeForm):
    """A new outcome: recorded once however often the form is posted (common/once.py)."""


class EvidenceForm(PlatformForm, forms.ModelForm):
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = OutcomeEvidence
        fields = ["kind", "description", "url", "file", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            # The same rule as briefing files: judged by content, size-limited.
            inspect_upload(upload)
            # Nor may its contents name someone who may not be named (participants.protection).
            refuse_protected_names(upload)
        return upload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needed = {
            EvidenceKind.LINK: ("url", _("Give the link.")),
            EvidenceKind.FILE: ("file", _("Choose a file.")),
            EvidenceKind.NOTE: ("note", _("Write the note.")),
        }.get(kind)
        if needed and not data.get(needed[0]) and not self.cleaned_data.get("DELETE"):
            self.add_error(needed[0], needed[1])
        return data


class BaseEvidenceFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Another tab deleted this evidence since the page was shown: its hidden id no
        # longer matches a live row. Say so instead of the hidden field's generic error.
        form.fields["id"].error_messages["invalid_choice"] = _(
            "This evidence was deleted in the meantime (see Recently deleted). Nothing was "
            "saved: reload the page to edit the outcome as it is now."
        )


EvidenceFormSet = inlineformset_factory(
    Outcome,
    OutcomeEvidence,
    form=EvidenceForm,
    formset=BaseEvidenceFormSet,
    extra=1,
    can_delete=True,
)


class ChallengeForm(PlatformForm, forms.ModelForm):
    TRANSLATED = ["what_happened", "response"]

    class Meta:
        model = ChallengeLesson
        fields = ["category", "year", *every_language("what_happened", "response")]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in every_language("what_happened", "response")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[localized("what_happened", settings.LANGUAGE_CODE)].required = True
        self.fields["year"].widget.attrs.update(
            {"min": FIRST_YEAR, "max": timezone.localdate().year + 1}
        )

    def language_groups(self) -> list[dict]:
        return language_groups(self, self.TRANSLATED)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
            raise forms.ValidationError(_("Choose a year from 2019 on."))
        return year


class ChallengeFilterForm(PlatformForm, forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *ChallengeCategory.choices],
    )


def _year_choices():
    return [(y, y) for y in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


class ReportYearField(forms.TypedChoiceField):
    """A year of the platform's history: from FIRST_YEAR to this year, said so when not."""

    def __init__(self, **kwargs):
        super().__init__(coerce=int, choices=_year_choices, **kwargs)

    def validate(self, value):
        if value in self.empty_values:
            return super().validate(value)
        try:
            year = int(value)
        except (TypeError, ValueError):
            year = None
        if year is None or not FIRST_YEAR <= year <= timezone.localdate().year:
            raise forms.ValidationError(
                _(
                    "Choose a year from %(first)s to %(last)s: the platform's records start in %(first)s."
                )
                % {"first": FIRST_YEAR, "last": timezone.localdate().year},
                code="outside_history",
            )


class ReportRequestForm(PlatformForm, forms.Form):
    kind = forms.ChoiceField(
        label=_("Report"),
        choices=ReportKind.choices,
        initial=ReportKind.FIVE_YEAR,
        widget=forms.RadioSelect,
    )
    year = ReportYearField(label=_("Year (annual report)"), required=False)
    # The platform's first five-year phase.
    start_year = ReportYearField(label=_("From (five-year summary)"), initial=2019)
    end_year = ReportYearField(label=_("To (five-year summary)"), initial=2024)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=ReportFormat.choices,
        initial=ReportFormat.PDF,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, latest_year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The latest year in which something happened, so the default report has content.
        self.fields["year"].initial = latest_year or timezone.localdate().year - 1

    def preview_period(self) -> dict:
        """The period to preview: the valid submitted one, or the form's defaults."""
        if self.is_bound:
            data = self.cleaned_data
            return {
                "kind": data["kind"],
                "start_year": data["start_year"],
                "end_year": data["end_year"],
            }
        kind = self.fields["kind"].initial
        if kind == ReportKind.ANNUAL:
            year = self.fields["year"].initial
            return {"kind": kind, "start_year": year, "end_year": year}
        return {
            "kind": kind,
            "start_year": self.fields["start_year"].initial,
            "end_year": self.fields["end_year"].initial,
        }

    def clean(self):
        data = super().clean()
        if data.get("kind") == ReportKind.ANNUAL:
            if not data.get("year") and "year" not in self.errors:
                self.add_error("year", _("Choose the year."))
            elif data.get("year"):
                data["start_year"] = data["end_year"] = data["year"]
        elif (
            data.get("start_year")
            and data.get("end_year")
            and data["end_year"] < data["start_year"]
        ):
            self.add_error("end_year", _("The last year must not be before the first."))
        return data
