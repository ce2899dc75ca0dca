"""Admin pages: the audit log and a staff member's own time zone (erasing a person is in
participants/views/erasure.py)."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .. import selectors, services
from ..forms import AuditFilterForm, StaffTimeZoneForm
from ..managing import role_label
from ..permissions import admin_required, staff_required

AUDIT_PAGE_SIZE = 50

# What happened, by the verb after the dot in an audit action ("participant.updated"); the
# object type is shown next to it, so one word per verb reads right in every language.
ACTION_VERBS = {
    "created": pgettext_lazy("audit action", "Created"),
    "updated": pgettext_lazy("audit action", "Changed"),
    "deleted": pgettext_lazy("audit action", "Deleted"),
    "published": pgettext_lazy("audit action", "Published"),
    "unpublished": pgettext_lazy("audit action", "Unpublished"),
    "sent": pgettext_lazy("audit action", "Sent"),
    "retried": pgettext_lazy("audit action", "Sent again"),
    "erased": pgettext_lazy("audit action", "Erased"),
    "imported": pgettext_lazy("audit action", "Imported"),
    "moved": pgettext_lazy("audit action", "Moved"),
    "replied": pgettext_lazy("audit action", "Reply recorded"),
    "reminded": pgettext_lazy("audit action", "Reminder sent"),
    "attendance": pgettext_lazy("audit action", "Attendance recorded"),
    "status_changed": pgettext_lazy("audit action", "Status changed"),
    "consents_changed": pgettext_lazy("audit action", "Consents changed"),
    "profile_updated": pgettext_lazy("audit action", "Changed by the participant"),
    "account_created": pgettext_lazy("audit action", "Account created"),
    "file_uploaded": pgettext_lazy("audit action", "File uploaded"),
    "followups_paused": pgettext_lazy("audit action", "Follow-ups paused or resumed"),
    "requested": pgettext_lazy("audit action", "Requested"),
    "role_changed": pgettext_lazy("audit action", "Role changed"),
    "deactivated": pgettext_lazy("audit action", "Account deactivated"),
    "reactivated": pgettext_lazy("audit action", "Account reactivated"),
    "two_factor_reset": pgettext_lazy("audit action", "Two-factor reset"),
    "invitation_resent": pgettext_lazy("audit action", "Account invitation sent again"),
}


def _action_label(action: str) -> str:
    return str(ACTION_VERBS.get(action.rpartition(".")[2], action))


def _type_label(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return label


def _field_label(object_type: str, field: str) -> str:
    """The field's name as the model labels it (translated), not its column name."""
    try:
        model_field = apps.get_model(object_type)._meta.get_field(field)
    except (LookupError, ValueError, FieldDoesNotExist):
        model_field = None
    # The reverse side of a relation (a message's `deliveries`) has no verbose_name.
    name = getattr(model_field, "verbose_name", None)
    if name is None:
        return field.replace("_", " ").capitalize()
    return str(name).capitalize()


def _value_label(object_type: str, field: str, value):
    """A stored value as people read it: an account's role by its name, not its slug."""
    if object_type == "accounts.user" and field == "role" and isinstance(value, str):
        return role_label(value)
    return value


@admin_required
def audit_log(request: HttpRequest) -> HttpResponse:
    types = [(label, _type_label(label)) for label in selectors.audit_object_types()]
    form = AuditFilterForm(request.GET or None, object_types=types)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    object_id = request.GET.get("object_id", "")[:64]
    entries = selectors.audit_entries(
        object_type=filters.get("object_type", ""),
        object_id=object_id,
        actor=filters.get("actor", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    labels = dict(types)
    rows = [
        {
            "entry": entry,
            "type_label": labels.get(entry.object_type, entry.object_type),
            "action_label": _action_label(entry.action),
            "changes": [
                {
                    "field": field,
                    "label": _field_label(entry.object_type, field),
                    "old": _value_label(entry.object_type, field, values[0]),
                    "new": _value_label(entry.object_type, field, values[1]),
                }
                if isinstance(values, list) and len(values) == 2
                else {
                    "field": field,
                    "label": _field_label(entry.object_type, field),
                    "old": "",
                    "new": values,
                }
                for field, values in entry.changes.items()
            ],
        }
        for entry in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/staff/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "object_id": object_id,
        },
    )


@staff_required
def my_time_zone(request: HttpRequest) -> HttpResponse:
    """A staff member's own zone (the digest's morning; times on pages not about one
    convening). Participants set theirs in "My profile"."""
    form = StaffTimeZoneForm(request.POST or None, initial={"time_zone": request.user.time_zone})
    if request.method == "POST" and form.is_valid():
        services.set_time_zone(user=request.user, time_zone=form.cleaned_data["time_zone"])
        messages.success(request, _("Your time zone is saved."))
        return redirect("accounts:staff-time-zone")
    return render(request, "accounts/staff/time_zone.html", {"form": form})
