"""Staff pages of the site visits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required

from ... import selectors, services
from ...forms import (
    SiteVisitForm,
)
from ...models import SiteVisit
from .base import ConveningParts

VISITS = ConveningParts(
    model=SiteVisit,
    tab="site_visits",
    list_url="convenings:staff-site-visits",
    list_template="convenings/staff/site_visits.html",
    template="convenings/staff/site_visit_form.html",
    name="visit",
    added=gettext_lazy("Site visit added."),
    saved=gettext_lazy("Site visit saved."),
    deleted=gettext_lazy("Site visit deleted."),
)


def _save_visit(form: SiteVisitForm, save) -> bool:
    """Call the service; what it refuses goes on the form."""
    try:
        save(fields=form.model_fields(), session_times=form.session_times())
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


@staff_required
def site_visit_list(request, pk: int):
    return VISITS.list_page(
        request,
        pk,
        form=lambda data, convening: SiteVisitForm(
            data, convening=convening, initial={"date": convening.start_date}
        ),
        save=lambda form, convening: _save_visit(
            form,
            lambda **kw: services.create_site_visit(convening=convening, by=request.user, **kw),
        ),
        context=lambda convening: {"visits": list(selectors.site_visits(convening=convening))},
    )


@staff_required
def site_visit_edit(request, pk: int, visit_id: int):
    return VISITS.edit(
        request,
        pk,
        visit_id,
        form=lambda data, visit: SiteVisitForm(data, instance=visit, convening=visit.convening),
        save=lambda form, visit: _save_visit(
            form, lambda **kw: services.update_site_visit(visit=visit, by=request.user, **kw)
        ),
    )


@staff_required
@require_POST
def site_visit_delete(request, pk: int, visit_id: int):
    return VISITS.delete(
        request,
        pk,
        visit_id,
        delete=lambda visit: services.delete_site_visit(visit=visit, by=request.user),
    )
