"""Forms for planning convenings (staff) and replying to invitations (participants).

Forms only validate input; the views hand `cleaned_data` to `convenings.services`.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common import inputs
from common.currencies import CurrencyField
from common.forms import PlatformForm
from common.once import CreateOnceMixin
from common.sends import SendKeyField
from common.translation import LANGUAGE_CODES, localized
from common.zones import zone_choices
from participants.models import Country, Organisation, Participant

from .logistics_forms import TRAVEL_FORM_FIELDS, TravelFieldsMixin
from .models import AgendaSession, Convening, ConveningFormat, Invitation, SiteVisit
from .services import CONVENING_FIELDS, COST_FIELDS, SESSION_FIELDS

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


def _language_label(code: str) -> str:
    return dict(settings.LANGUAGES)[code]


def _zone_choices_or_proposal():
    return [("", _("Propose from the host country and city")), *zone_choices()]


class ConveningForm(PlatformForm, forms.ModelForm):
    interpretation_languages = forms.MultipleChoiceField(
        label=_("Interpretation languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Languages offered with live interpretation."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=_zone_choices_or_proposal,
        required=False,
        help_text=_(
            "Agenda and site-visit times are entered and shown in this zone. Australia, "
            "Indonesia and Malaysia have several: check it. An online convening must choose one."
        ),
        error_messages={
            "invalid_choice": _(
                "Unknown time zone “%(value)s”: choose one from the list, e.g. Pacific/Auckland."
            )
        },
    )
    currency = CurrencyField()
    move_agenda = forms.BooleanField(
        label=_("Move the agenda and site visits with the dates"),
        required=False,
        initial=True,
        help_text=_("Each session keeps its time of day in the venue's zone."),
    )

    class Meta:
        model = Convening
        fields = CONVENING_FIELDS
        widgets = {
            "start_date": inputs.DateInput(),
            "end_date": inputs.DateInput(),
            "reply_deadline": inputs.DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_country"].queryset = Country.objects.order_by("-is_member", "name")
        self.fields["title_en"].required = True
        for code in LANGUAGE_CODES:
            self.fields[localized("title", code)].label = _("Title (%(language)s)") % {
                "language": _language_label(code)
            }
            self.fields[localized("venue_name", code)].label = _("Venue (%(language)s)") % {
                "language": _language_label(code)
            }
        self.fields["venue_address"].widget.attrs["rows"] = 2

    def clean(self):
        data = super().clean()
        deadline, end = data.get("reply_deadline"), data.get("end_date")
        if deadline and end and deadline > end:
            self.add_error(
                "reply_deadline", _("The reply deadline cannot be after the convening ends.")
            )
        if data.get("format") == "online" and not data.get("time_zone"):
            self.add_error(
                "time_zone",
                _("An online convening has no venue: choose the time zone its times are given in."),
            )
        return data

    def model_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CONVENING_FIELDS}


class NewConveningForm(CreateOnceMixin, ConveningForm):
    """A new convening: made once however often the form is posted (common/once.py)."""


class CostsForm(PlatformForm, forms.ModelForm):
    currency = CurrencyField()

    class Meta:
        model = Convening
        fields = COST_FIELDS


class InviteForm(PlatformForm, forms.Form):
    participants = forms.ModelMultipleChoiceField(
        label=_("People to invite"),
        queryset=Participant.objects.active(),
        error_messages={"required": _("Tick at least one person to invite.")},
    )


class InvitationPickForm(PlatformForm, forms.Form):
    """Staff pick some invitations of one convening (reminders, attendance)."""

    invitations = forms.ModelMultipleChoiceField(
        label=_("Invitees"),
        queryset=Invitation.objects.none(),
        error_messages={
            "required": _("Tick at least one person."),
            # Invitation.objects hides withdrawn invitations: one withdrawn since the page
            # was shown (another tab) is no longer a choice.
            "invalid_choice": _(
                "Someone you ticked is no longer invited (the invitation was withdrawn in "
                "the meantime). Nothing was done: tick the people again."
            ),
        },
    )

    def __init__(self, *args, convening: Convening, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitations"].queryset = Invitation.objects.filter(convening=convening)


class ReminderForm(InvitationPickForm):
    """The invitees to remind, the key of this send, and the explicit "remind again"."""

    send_key = SendKeyField()
    again = forms.BooleanField(
        label=_("Remind again even if reminded recently"),
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "again-help"}),
    )


class AgendaSessionForm(PlatformForm, forms.ModelForm):
    interpreted_languages = forms.MultipleChoiceField(
        label=_("Interpreted languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = AgendaSession
        fields = SESSION_FIELDS
        widgets = {
            "starts_at": inputs.DateTimeInput(),
            "ends_at": inputs.DateTimeInput(),
            **{
                localized("description", code): forms.Textarea(attrs={"rows": 3})
                for code in LANGUAGE_CODES
            },
        }

    overlap = False  # set by the view when the service warned of an overlap
    keep_overlap = forms.BooleanField(
        label=_("Keep the overlap"),
        required=False,
        help_text=_("Save the session even though another one in the same room or track overlaps."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        for code in LANGUAGE_CODES:
            language = {"language": _language_label(code)}
            self.fields[localized("title", code)].label = _("Title (%(language)s)") % language
            self.fields[localized("description", code)].label = (
                _("Description (%(language)s)") % language
            )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A session must end after it starts."))
        return data

    def model_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in SESSION_FIELDS}


class SiteVisitForm(PlatformForm, forms.ModelForm):
    add_session = forms.BooleanField(
        label=_("Add it to the agenda"),
        required=False,
        help_text=_("Creates a site-visit session on that day, unless you link one above."),
    )
    session_starts = forms.TimeField(
        label=_("Leaves at"), required=False, widget=inputs.TimeInput()
    )
    session_ends = forms.TimeField(label=_("Returns at"), required=False, widget=inputs.TimeInput())

    class Meta:
        model = SiteVisit
        fields = [
            *[localized("programme", code) for code in LANGUAGE_CODES],
            "host_organisation",
            "place",
            "date",
            *[localized("learning", code) for code in LANGUAGE_CODES],
            "session",
        ]
        widgets = {
            "date": inputs.DateInput(),
            **{
                localized("learning", code): forms.Textarea(attrs={"rows": 3})
                for code in LANGUAGE_CODES
            },
        }

    def __init__(self, *args, convening: Convening, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme_en"].required = True
        self.fields["session"].queryset = convening.sessions.order_by("starts_at")
        self.fields["session"].label = _("Linked agenda session")
        self.fields["host_organisation"].queryset = Organisation.objects.select_related(
            "country"
        ).order_by("name")
        for code in LANGUAGE_CODES:
            language = {"language": _language_label(code)}
            self.fields[localized("programme", code)].label = (
                _("Programme visited (%(language)s)") % language
            )
            self.fields[localized("learning", code)].label = (
                _("What participants saw and learned (%(language)s)") % language
            )

    def clean(self):
        data = super().clean()
        if data.get("add_session") and not data.get("session"):
            starts, ends = data.get("session_starts"), data.get("session_ends")
            if not starts or not ends:
                self.add_error("session_starts", _("Give the times of the visit."))
            elif ends <= starts:
                self.add_error("session_ends", _("The visit must end after it starts."))
        return data

    def session_times(self):
        data = self.cleaned_data
        if data.get("add_session") and not data.get("session"):
            return data["session_starts"], data["session_ends"]
        return None

    def model_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ReplyForm(PlatformForm, TravelFieldsMixin):
    accept = forms.TypedChoiceField(
        label=_("Will you take part?"),
        choices=[
            ("yes", pgettext_lazy("reply", "Yes, I will take part")),
            ("no", pgettext_lazy("reply", "No, I cannot come")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    interpretation_language = forms.ChoiceField(label=_("Interpretation into"), required=False)
    access_needs = forms.CharField(
        label=_("Access needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example step-free access, a sign-language interpreter, quiet space."),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    travel_support = forms.BooleanField(label=_("I need support with travel costs"), required=False)
    priorities = forms.CharField(
        label=_("Your priorities for the agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What would you most like to discuss or learn at this convening?"),
    )
    accepted_chatham_house = forms.BooleanField(
        label=_("I accept the Chatham House Rule for this convening"), required=False
    )

    def __init__(self, *args, convening: Convening, **kwargs):
        super().__init__(*args, **kwargs)
        self.convening = convening
        offered = [code for code in convening.interpretation_languages if code in LANGUAGE_CODES]
        self.fields["interpretation_language"].choices = [
            ("", _("No interpretation needed")),
            *[(code, _language_label(code)) for code in offered],
        ]
        if not offered:
            del self.fields["interpretation_language"]
        if not convening.chatham_house:
            del self.fields["accepted_chatham_house"]
        self._setup_travel(convening)
        if convening.format == ConveningFormat.ONLINE:
            # Nobody travels to an online convening: no arrival, flight or hotel nights.
            for name in TRAVEL_FORM_FIELDS:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("accept"):
            self._clean_travel(data)
        if (
            data.get("accept")
            and self.convening.chatham_house
            and not data.get("accepted_chatham_house")
        ):
            self.add_error(
                "accepted_chatham_house",
                ValidationError(_("To take part you need to accept the Chatham House Rule.")),
            )
        return data

    @classmethod
    def initial_for(cls, invitation: Invitation) -> dict:
        if invitation.status == "invited":
            return {}
        return {
            "accept": "yes"
            if invitation.status in ("accepted", "attended", "waitlisted")
            else "no",
            "interpretation_language": invitation.interpretation_language,
            "access_needs": invitation.access_needs,
            "dietary_needs": invitation.dietary_needs,
            "travel_support": invitation.travel_support,
            "priorities": invitation.priorities,
            "accepted_chatham_house": invitation.chatham_house_accepted_at is not None,
            **cls.travel_initial(invitation),
        }
