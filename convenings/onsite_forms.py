"""Forms of the on-site pages: the printables' filter and the check-in desk's day and session."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from common.forms import PlatformForm
from participants.models import Country

from .models import AgendaSession, Convening

WHO_ACCEPTED = "accepted"
WHO_ALL = "all"


class PrintableFilterForm(PlatformForm, forms.Form):
    """Who goes on a printable. Whatever is chosen, hidden people never do (printables.py)."""

    who = forms.ChoiceField(
        label=_("Who"),
        choices=[
            (WHO_ACCEPTED, _("People who said yes")),
            (WHO_ALL, _("Everyone invited who has not declined")),
        ],
        initial=WHO_ACCEPTED,
        required=False,
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("All countries"),
    )
    language = forms.ChoiceField(label=_("Preferred language"), required=False)

    def __init__(self, *args, convening: Convening, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(
            participants__invitations__convening=convening
        ).distinct()
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]

    def filters(self) -> dict:
        """The chosen filters, or the defaults when the form is not valid."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "accepted_only": (data.get("who") or WHO_ACCEPTED) == WHO_ACCEPTED,
            "country": data.get("country"),
            "language": data.get("language") or "",
        }


class DeskForm(PlatformForm, forms.Form):
    """The desk's day, session and search (GET)."""

    day = forms.ChoiceField(label=_("Day"), required=False)
    session = forms.ChoiceField(label=_("Session"), required=False)
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def __init__(self, *args, days, sessions: list[AgendaSession], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [
            (day.isoformat(), date_format(day, "DATE_FORMAT")) for day in days
        ]
        self.fields["session"].choices = [("", _("The whole day"))] + [
            (str(s.pk), f"{timezone.localtime(s.starts_at):%H:%M} {s.title}") for s in sessions
        ]
