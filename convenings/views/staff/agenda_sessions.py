"""Staff pages of the agenda: sessions added, edited, deleted and moved."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required

from ... import selectors, services
from ...forms import (
    AgendaSessionForm,
)
from ...models import AgendaSession, Convening
from .base import ConveningParts


def _session_initial(convening: Convening) -> dict:
    # 09:00-10:00 on the first day, in the venue's zone (active on this page).
    start = dt.datetime.combine(convening.start_date, dt.time(9, 0), tzinfo=convening.zone)
    return {"starts_at": start, "ends_at": start + dt.timedelta(hours=1)}


def _save_session(form: AgendaSessionForm, save) -> bool:
    """Call the service; errors go next to their fields, an overlap offers "Keep the overlap"."""
    try:
        save(fields=form.model_fields(), allow_overlap=form.cleaned_data["keep_overlap"])
    except services.OverlapError as exc:
        form.add_error(None, exc)
        form.overlap = True
        return False
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


SESSIONS = ConveningParts(
    model=AgendaSession,
    tab="agenda",
    list_url="convenings:staff-agenda",
    list_template="convenings/staff/agenda.html",
    template="convenings/staff/session_form.html",
    name="session",
    added=gettext_lazy("Session added."),
    saved=gettext_lazy("Session saved."),
    deleted=gettext_lazy("Session deleted."),
)


@staff_required
def agenda(request, pk: int):
    return SESSIONS.list_page(
        request,
        pk,
        form=lambda data, convening: AgendaSessionForm(data, initial=_session_initial(convening)),
        save=lambda form, convening: _save_session(
            form,
            lambda **kw: services.add_agenda_session(convening=convening, by=request.user, **kw),
        ),
        context=lambda convening: {
            "days": selectors.agenda_by_day(convening=convening),
            "outside": selectors.outside_the_dates(convening=convening),
        },
    )


@staff_required
def agenda_session_edit(request, pk: int, session_id: int):
    return SESSIONS.edit(
        request,
        pk,
        session_id,
        form=lambda data, session: AgendaSessionForm(data, instance=session),
        save=lambda form, session: _save_session(
            form,
            lambda **kw: services.update_agenda_session(session=session, by=request.user, **kw),
        ),
    )


@staff_required
@require_POST
def agenda_session_delete(request, pk: int, session_id: int):
    return SESSIONS.delete(
        request,
        pk,
        session_id,
        delete=lambda session: services.delete_agenda_session(session=session, by=request.user),
    )


@staff_required
@require_POST
def agenda_session_move(request, pk: int, session_id: int):
    session = SESSIONS.get_or_404(pk, session_id)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    services.move_agenda_session(session=session, direction=direction, by=request.user)
    return redirect(reverse("convenings:staff-agenda", args=[pk]) + f"#session-{session.pk}")
