"""Forms between meetings: notes in every language, actions, progress, feedback."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common import inputs
from common.forms import PlatformForm
from common.translation import localized
from convenings.models import Convening
from participants.models import Country, Participant

from .models import ActionStatus, FollowUpAction, MeetingNote
from .services import EMPTY_FEEDBACK, feedback_is_empty


class NotesForm(PlatformForm, forms.Form):
    session = forms.ModelChoiceField(
        label=_("Agenda session"),
        queryset=None,
        required=False,
        empty_label=_("The whole convening"),
    )

    def __init__(self, *args, convening: Convening, instance: MeetingNote | None = None, **kwargs):
        initial = kwargs.pop("initial", {}) or {}
        if instance is not None:
            initial.setdefault("session", instance.session_id)
            for name in self.text_field_names():
                initial.setdefault(name, getattr(instance, name) or "")
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["session"].queryset = convening.sessions.order_by("starts_at", "position")
        for code, language in settings.LANGUAGES:
            self.fields[localized("key_points", code)] = forms.CharField(
                label=_("Key points (%(language)s)") % {"language": language},
                widget=forms.Textarea(attrs={"rows": 6, "lang": code}),
                required=False,
            )
            self.fields[localized("next_steps", code)] = forms.CharField(
                label=_("Agreed next steps (%(language)s)") % {"language": language},
                widget=forms.Textarea(attrs={"rows": 4, "lang": code}),
                required=False,
            )

    @staticmethod
    def text_field_names() -> list[str]:
        return [
            localized(name, code)
            for code, _l in settings.LANGUAGES
            for name in ("key_points", "next_steps")
        ]

    def language_groups(self):
        return [
            (
                code,
                language,
                self[localized("key_points", code)],
                self[localized("next_steps", code)],
            )
            for code, language in settings.LANGUAGES
        ]

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.text_field_names()}


class ActionForm(PlatformForm, forms.Form):
    title = forms.CharField(label=_("What"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("The secretariat"),
        help_text=_("A participant invited to this convening, or the secretariat."),
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.order_by("name"),
        required=False,
        help_text=_("Left empty: the owner's country."),
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=inputs.DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)

    def __init__(self, *args, convening: Convening, instance: FollowUpAction | None = None, **kw):
        if instance is not None:
            kw.setdefault(
                "initial",
                {
                    "title": instance.title,
                    "owner": instance.owner_id,
                    "country": instance.country_id,
                    "due_date": instance.due_date,
                    "status": instance.status,
                },
            )
        super().__init__(*args, **kw)
        self.fields["owner"].queryset = (
            Participant.objects.filter(
                invitations__convening=convening, invitations__withdrawn_at__isnull=True
            )
            .select_related("country")
            .order_by("full_name")
        )
        self.fields["owner"].label_from_instance = lambda p: f"{p.full_name} ({p.country.name})"
        if instance is None:
            del self.fields["status"]


class ActionUpdateForm(PlatformForm, forms.Form):
    text = forms.CharField(
        label=_("What has happened?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("action", "Status"), choices=ActionStatus.choices
    )

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and data.get("status") == self.initial.get("status"):
            raise forms.ValidationError(_("Write what has happened or choose a new status."))
        return data


RATING_CHOICES = [
    ("1", _("1 - not useful")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 - very useful")),
]


class FeedbackForm(PlatformForm, forms.Form):
    what_to_change = forms.CharField(
        label=_("What should we change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    priorities = forms.CharField(
        label=_("What should we focus on next time?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = sessions
        for session in sessions:
            self.fields[f"session_{session.pk}"] = forms.ChoiceField(
                label=session.title,
                choices=RATING_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )

    def session_fields(self):
        return [(s, self[f"session_{s.pk}"]) for s in self.sessions]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and feedback_is_empty(
            ratings=self.ratings(),
            what_to_change=cleaned.get("what_to_change", ""),
            priorities=cleaned.get("priorities", ""),
        ):
            raise forms.ValidationError(EMPTY_FEEDBACK, code="empty")
        return cleaned

    def ratings(self) -> dict[int, int]:
        out = {}
        for session in self.sessions:
            value = self.cleaned_data.get(f"session_{session.pk}")
            if value:
                out[session.pk] = int(value)
        return out
