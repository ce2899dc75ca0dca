"""Forms of the account pages: the audit log filters, the erasure confirmation, the accounts
page (search, role, the confirmation of each action)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common import inputs
from common.forms import PlatformForm
from common.sends import SendKeyField
from common.zones import zone_choices

from .managing import role_label
from .selectors import ROLES


class AuditFilterForm(PlatformForm, forms.Form):
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    actor = forms.CharField(
        label=_("Changed by (e-mail)"), required=False, max_length=254, strip=True
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=inputs.DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=inputs.DateInput())

    def __init__(self, *args, object_types: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("All types")), *object_types]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class EraseConfirmForm(PlatformForm, forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        required=True,
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )


class StaffTimeZoneForm(PlatformForm, forms.Form):
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        required=False,
        help_text=_("Your weekly digest arrives at 09:00 in this zone."),
        error_messages={
            "invalid_choice": _(
                "Unknown time zone “%(value)s”: choose one from the list, e.g. Pacific/Auckland."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = _("The platform's zone (%(zone)s)") % {"zone": settings.TIME_ZONE}
        self.fields["time_zone"].choices = [("", default), *zone_choices()]


def role_choices() -> list[tuple[str, str]]:
    return [(role, role_label(role)) for role in ROLES]


class AccountFilterForm(PlatformForm, forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=200, strip=True)
    role = forms.ChoiceField(label=_("Role"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("All roles")), *role_choices()]

    def filters(self) -> dict[str, str]:
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class AccountActionForm(PlatformForm, forms.Form):
    """The confirmation of one action on an account; its key makes a repeat harmless."""

    key = SendKeyField()


class RoleChangeForm(AccountActionForm):
    role = forms.ChoiceField(label=_("New role"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices()
