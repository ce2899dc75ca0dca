"""Planning a convening: its details, dates, venue time zone and costs, and moving the agenda
with it."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from accounts.audit import diff, record, snapshot
from accounts.models import User
from common.translation import LANGUAGE_CODES
from common.zones import at_wall_clock, get_zone, is_known_zone, propose_zone

from ..models import (
    AgendaSession,
    Convening,
    SiteVisit,
)
from .fields import CALENDAR_FIELDS, CONVENING_FIELDS, COST_FIELDS, _apply
from .notices import _notify_invitees, notice_for_change

# --- Convenings ------------------------------------------------------------------------


def _check_convening(convening: Convening) -> None:
    errors: dict[str, list] = {}
    if not (convening.title_en or convening.title):
        errors.setdefault("title_en", []).append(_("Give the convening a title in English."))
    if convening.start_date and convening.end_date and convening.end_date < convening.start_date:
        errors.setdefault("end_date", []).append(_("The convening cannot end before it starts."))
    bad = [code for code in convening.interpretation_languages if code not in LANGUAGE_CODES]
    if bad:
        errors.setdefault("interpretation_languages", []).append(
            _("Unknown language: %(codes)s") % {"codes": ", ".join(bad)}
        )
    currency = convening.currency or ""
    if len(currency) != 3 or not currency.isalpha():
        errors.setdefault("currency", []).append(_("Use a three-letter currency code, e.g. USD."))
    for name in COST_FIELDS[1:]:
        if getattr(convening, name) is not None and getattr(convening, name) < 0:
            errors.setdefault(name, []).append(_("A cost cannot be negative."))
    if not convening.time_zone and convening.host_country_id:
        convening.time_zone = propose_zone(
            country_code=convening.host_country.code, city=convening.city
        )
    if not is_known_zone(convening.time_zone or ""):
        errors.setdefault("time_zone", []).append(
            _("Unknown time zone “%(zone)s”: choose one from the list, e.g. Pacific/Auckland.")
            % {"zone": convening.time_zone}
        )
    if errors:
        raise ValidationError(errors)
    convening.currency = currency.upper()


def bump_sequence(convening: Convening) -> None:
    """The calendar files changed: their SEQUENCE grows so calendar programs take the new
    copy (iCalendar RFC 5545 §3.8.7.4)."""
    Convening.objects.filter(pk=convening.pk).update(sequence=F("sequence") + 1)
    convening.refresh_from_db(fields=["sequence"])


@transaction.atomic
def create_convening(
    *, fields: dict[str, Any], by: User, create_key: uuid.UUID | None = None
) -> Convening:
    """A new convening; the Chatham House Rule applies unless `fields` says otherwise.

    `create_key` is the key of the form that asked (unique; see convenings/duplicates.py).
    """
    convening = Convening(create_key=create_key)
    _apply(convening, fields, CONVENING_FIELDS)
    _check_convening(convening)
    convening.save()
    record(
        actor=by,
        action="convening.created",
        obj=convening,
        changes=diff({}, snapshot(convening, _audited_convening_fields())),
    )
    return convening


def _audited_convening_fields() -> list[str]:
    return [f for f in CONVENING_FIELDS if f != "host_country"] + ["host_country_id"]


@transaction.atomic
def update_convening(
    *, convening: Convening, fields: dict[str, Any], by: User, move_agenda: bool = False
) -> Convening:
    """Save the convening's details.

    New dates with `move_agenda` move every session and site visit by the same number of
    days, each keeping its wall-clock time in the venue's zone (09:00 stays 09:00 across a
    change of daylight saving). A new zone keeps the agenda's wall-clock times too: the
    times were typed for the venue. New dates, a new zone (the instants moved), a
    cancellation or undoing one notify every invitee who has not declined, once per
    change (see `ConveningNotice`)."""
    # Compared with the row as stored, locked: two saves of the same change at once are
    # applied one after the other, and the second finds nothing new to tell anyone.
    locked = Convening.objects.select_for_update().get(pk=convening.pk)
    before = snapshot(locked, _audited_convening_fields())
    old_start, old_zone, old_status = locked.start_date, locked.time_zone, locked.status
    old_end = locked.end_date
    _apply(convening, fields, CONVENING_FIELDS)
    _check_convening(convening)
    convening.sequence = locked.sequence
    convening.save()
    convening.refresh_from_db()
    changes = diff(before, snapshot(convening, _audited_convening_fields()))
    if not changes:
        return convening
    record(actor=by, action="convening.updated", obj=convening, changes=changes)
    shift = dt.timedelta(0)
    if move_agenda and convening.start_date != old_start:
        shift = convening.start_date - old_start
    if shift or convening.time_zone != old_zone:
        _move_agenda(convening=convening, old_zone=old_zone, shift=shift, by=by)
    if any(name in changes for name in CALENDAR_FIELDS):
        bump_sequence(convening)
    kind = notice_for_change(
        old_status=old_status,
        old_dates=(old_start, old_end),
        old_zone=old_zone,
        convening=convening,
    )
    if kind:
        _notify_invitees(convening=convening, kind=kind)
    return convening


def _shifted(moment: dt.datetime, *, old_zone: str, new_zone: str, shift: dt.timedelta):
    local = moment.astimezone(get_zone(old_zone))
    return at_wall_clock(local.date() + shift, local.time().replace(tzinfo=None), new_zone)


def _move_agenda(*, convening: Convening, old_zone: str, shift: dt.timedelta, by: User) -> None:
    sessions = list(AgendaSession.objects.select_for_update().filter(convening=convening))
    for session in sessions:
        session.starts_at = _shifted(
            session.starts_at, old_zone=old_zone, new_zone=convening.time_zone, shift=shift
        )
        session.ends_at = _shifted(
            session.ends_at, old_zone=old_zone, new_zone=convening.time_zone, shift=shift
        )
    AgendaSession.objects.bulk_update(sessions, ["starts_at", "ends_at"])
    if shift:
        SiteVisit.objects.filter(convening=convening).update(date=F("date") + shift)
    record(
        actor=by,
        action="agenda.moved",
        obj=convening,
        changes={"days": [0, shift.days], "time_zone": [old_zone, convening.time_zone]},
    )


def sessions_after_save(
    *, stored: Convening, changed: Convening, move_agenda: bool
) -> list[AgendaSession] | None:
    """The sessions, in order and not saved, as `update_convening` would leave them when
    `changed` (the form's unsaved copy of `stored`) is saved; None when they stay as they
    are. The confirmation step's e-mail shows the first session from these."""
    shift = dt.timedelta(0)
    if move_agenda and changed.start_date != stored.start_date:
        shift = changed.start_date - stored.start_date
    if not shift and changed.time_zone == stored.time_zone:
        return None
    sessions = list(stored.sessions.select_related("site_visit"))
    for session in sessions:
        for name in ("starts_at", "ends_at"):
            setattr(
                session,
                name,
                _shifted(
                    getattr(session, name),
                    old_zone=stored.time_zone,
                    new_zone=changed.time_zone,
                    shift=shift,
                ),
            )
    return sorted(sessions, key=lambda s: (s.starts_at, s.position, s.pk))


def reschedule_preview(
    *, convening: Convening, start_date: dt.date, end_date: dt.date, time_zone: str = ""
) -> dict:
    """What moving the agenda with new dates would do, before anything is saved: each
    session's new day and time in the venue's zone, and which would fall outside."""
    zone = time_zone if is_known_zone(time_zone) else convening.time_zone
    shift = start_date - convening.start_date
    rows = []
    for session in convening.sessions.order_by("starts_at", "position", "pk"):
        new_start = _shifted(
            session.starts_at, old_zone=convening.time_zone, new_zone=zone, shift=shift
        )
        day = new_start.date()
        rows.append(
            {
                "session": session,
                "old": session.starts_at.astimezone(get_zone(convening.time_zone)),
                "new": new_start,
                "outside": not (start_date <= day <= end_date),
            }
        )
    visits = [
        {
            "visit": visit,
            "new": visit.date + shift,
            "outside": not (start_date <= visit.date + shift <= end_date),
        }
        for visit in convening.site_visits.order_by("date", "pk")
    ]
    return {
        "shift_days": shift.days,
        "sessions": rows,
        "visits": visits,
        "outside": sum(r["outside"] for r in rows) + sum(v["outside"] for v in visits),
    }


@transaction.atomic
def update_costs(*, convening: Convening, fields: dict[str, Any], by: User) -> Convening:
    """Costs only (the costs tab), so a cost edit cannot touch anything else."""
    unknown = set(fields) - set(COST_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return update_convening(convening=convening, fields=fields, by=by)
