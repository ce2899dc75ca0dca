"""Site visits and the agenda session each one occupies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.audit import diff, record, snapshot
from accounts.models import User
from common.translation import LANGUAGE_CODES, localized
from common.zones import at_wall_clock
from operations.trash import delete_object

from ..models import (
    AgendaSession,
    Convening,
    SessionKind,
    SiteVisit,
)
from .agenda import _check_protected_names, add_agenda_session
from .fields import SITE_VISIT_FIELDS, _apply
from .planning import bump_sequence

# --- Site visits -----------------------------------------------------------------------


def _check_site_visit(visit: SiteVisit) -> None:
    convening = visit.convening
    errors: dict[str, list] = {}
    if not (visit.programme_en or visit.programme):
        errors["programme_en"] = [_("Name the programme in English.")]
    if visit.date and not (convening.start_date <= visit.date <= convening.end_date):
        errors["date"] = [_("The visit must fall within the convening's dates.")]
    if visit.session_id and visit.session.convening_id != convening.pk:
        errors["session"] = [_("Choose a session of this convening.")]
    _check_protected_names(
        visit,
        ["place", *(localized(f, c) for f in ("programme", "learning") for c in LANGUAGE_CODES)],
        errors,
    )
    if errors:
        raise ValidationError(errors)


def _session_for_visit(
    *, visit: SiteVisit, starts: dt.time, ends: dt.time, by: User
) -> AgendaSession:
    """The visit's agenda session: its times are the venue's wall-clock times that day."""
    zone = visit.convening.time_zone
    fields: dict[str, Any] = {
        "kind": SessionKind.SITE_VISIT,
        "starts_at": at_wall_clock(visit.date, starts, zone),
        "ends_at": at_wall_clock(visit.date, ends, zone),
        # A visit is its own track: it may run beside plenary sessions.
        "room": str(visit.place)[:100],
    }
    for code in LANGUAGE_CODES:
        fields[localized("title", code)] = getattr(visit, localized("programme", code)) or ""
        fields[localized("description", code)] = getattr(visit, localized("learning", code)) or ""
    return add_agenda_session(convening=visit.convening, fields=fields, by=by, allow_overlap=True)


def _fill(
    visit: SiteVisit,
    *,
    fields: dict[str, Any],
    session_times: tuple[dt.time, dt.time] | None,
    by: User,
) -> None:
    """The form's fields, checked; with `session_times` and no agenda session yet, the
    visit's own session that day."""
    _apply(visit, fields, SITE_VISIT_FIELDS)
    _check_site_visit(visit)
    if session_times and not visit.session_id:
        visit.session = _session_for_visit(
            visit=visit, starts=session_times[0], ends=session_times[1], by=by
        )


@transaction.atomic
def create_site_visit(
    *,
    convening: Convening,
    fields: dict[str, Any],
    by: User,
    session_times: tuple[dt.time, dt.time] | None = None,
) -> SiteVisit:
    """A site visit; with `session_times` it also gets its own agenda session that day."""
    visit = SiteVisit(convening=convening)
    _fill(visit, fields=fields, session_times=session_times, by=by)
    visit.save()
    bump_sequence(convening)
    record(actor=by, action="site_visit.created", obj=visit)
    return visit


@transaction.atomic
def update_site_visit(
    *,
    visit: SiteVisit,
    fields: dict[str, Any],
    by: User,
    session_times: tuple[dt.time, dt.time] | None = None,
) -> SiteVisit:
    audited = [f for f in SITE_VISIT_FIELDS if f not in ("host_organisation", "session")]
    before = snapshot(visit, audited)
    _fill(visit, fields=fields, session_times=session_times, by=by)
    visit.save()
    changes = diff(before, snapshot(visit, audited))
    if changes:
        bump_sequence(visit.convening)
    record(actor=by, action="site_visit.updated", obj=visit, changes=changes)
    return visit


@transaction.atomic
def delete_site_visit(*, visit: SiteVisit, by: User) -> bool:
    """The visit goes; its agenda session stays (staff delete it in the agenda if wanted)."""
    return delete_object(obj=visit, by=by)
