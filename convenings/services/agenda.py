"""The agenda: sessions, their times in the venue's zone, overlaps and order."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from accounts.audit import diff, record, snapshot
from accounts.models import User
from common.translation import LANGUAGE_CODES, localized
from operations.trash import delete_object
from participants import protection
from participants.protection_services import resolve_if_clean

from ..models import (
    AgendaSession,
    Convening,
    SessionKind,
)
from .fields import SESSION_FIELDS, _apply
from .planning import bump_sequence

# --- Agenda ----------------------------------------------------------------------------


class OverlapError(ValidationError):
    """The session overlaps another in the same room or track: staff may confirm it."""


def overlapping_sessions(session: AgendaSession) -> list[AgendaSession]:
    """Other sessions of the convening in the same room/track (empty: plenary) whose time
    overlaps this one's."""
    if not (session.starts_at and session.ends_at):
        return []
    return list(
        AgendaSession.objects.filter(
            convening_id=session.convening_id,
            room__iexact=(session.room or "").strip(),
            starts_at__lt=session.ends_at,
            ends_at__gt=session.starts_at,
        )
        .exclude(pk=session.pk)
        .order_by("starts_at")
    )


def _check_session(session: AgendaSession, *, allow_overlap: bool = False) -> None:
    errors: dict[str, list] = {}
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = [_("A session must end after it starts.")]
    convening = session.convening
    zone = convening.zone
    if session.starts_at:
        day = session.starts_at.astimezone(zone).date()
        if not (convening.start_date <= day <= convening.end_date):
            errors["starts_at"] = [_("The session must fall within the convening's dates.")]
    if session.ends_at and session.starts_at and "ends_at" not in errors:
        last = session.ends_at.astimezone(zone)
        if last.date() > convening.end_date and last.time() != dt.time(0, 0):
            errors["ends_at"] = [_("The session must end within the convening's dates.")]
    if session.kind not in SessionKind.values:
        errors["kind"] = [_("Choose a kind of session.")]
    _check_protected_names(
        session,
        [
            "facilitators",
            *(localized(f, c) for f in ("title", "description") for c in LANGUAGE_CODES),
        ],
        errors,
    )
    if errors:
        raise ValidationError(errors)
    if not allow_overlap:
        others = overlapping_sessions(session)
        if others:
            raise OverlapError(
                {
                    "starts_at": [
                        _(
                            "This overlaps “%(other)s” (%(start)s-%(end)s) in the same room "
                            "or track. Tick “Keep the overlap” to save it anyway."
                        )
                        % {
                            "other": others[0].title,
                            "start": others[0].starts_at.astimezone(zone).strftime("%H:%M"),
                            "end": others[0].ends_at.astimezone(zone).strftime("%H:%M"),
                        }
                    ]
                },
                code="overlap",
            )


def _check_protected_names(obj, fields: list[str], errors: dict[str, list]) -> None:
    """Agenda and site visits are read by every invitee: they must not name anyone on the
    platform who chose to be hidden or to appear under a pseudonym, or who was erased, in
    any form or script (participants.protection), invited to this convening or not."""
    texts = {name: getattr(obj, name, "") or "" for name in fields}
    found = protection.protected_names_in(texts)
    if not found and not errors:
        resolve_if_clean(obj)  # edited so that it names nobody: shown to participants again
    for name, people in found.items():
        errors.setdefault(name, []).append(
            _(
                "This names %(people)s, who chose not to be named to other participants. "
                "Use their display name, or leave the name out."
            )
            % {"people": ", ".join(people)}
        )


def _next_position(convening: Convening) -> int:
    top = convening.sessions.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def add_agenda_session(
    *, convening: Convening, fields: dict[str, Any], by: User, allow_overlap: bool = False
) -> AgendaSession:
    """A new session; times are aware instants (forms read them in the venue's zone).
    An overlap in the same room/track raises `OverlapError` unless `allow_overlap`."""
    session = AgendaSession(convening=convening)
    _apply(session, fields, SESSION_FIELDS)
    _check_session(session, allow_overlap=allow_overlap)
    session.position = _next_position(convening)
    session.save()
    bump_sequence(convening)
    record(actor=by, action="agenda_session.created", obj=session)
    return session


@transaction.atomic
def update_agenda_session(
    *, session: AgendaSession, fields: dict[str, Any], by: User, allow_overlap: bool = False
) -> AgendaSession:
    before = snapshot(session, SESSION_FIELDS)
    _apply(session, fields, SESSION_FIELDS)
    _check_session(session, allow_overlap=allow_overlap)
    session.save()
    changes = diff(before, snapshot(session, SESSION_FIELDS))
    if changes:
        bump_sequence(session.convening)
        record(actor=by, action="agenda_session.updated", obj=session, changes=changes)
    return session


@transaction.atomic
def delete_agenda_session(*, session: AgendaSession, by: User) -> bool:
    """To "Recently deleted" (operations.trash, which also bumps the calendar sequence);
    False when it already was."""
    return delete_object(obj=session, by=by)


@transaction.atomic
def move_agenda_session(*, session: AgendaSession, direction: str, by: User) -> AgendaSession:
    """Swap a session with its neighbour on the same day: their time slots trade places,
    each keeps its own length and the gap between them stays."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    zone = session.convening.zone
    day = session.starts_at.astimezone(zone).date()
    same_day = [
        s
        for s in AgendaSession.objects.select_for_update()
        .filter(convening_id=session.convening_id)
        .order_by("starts_at", "position", "pk")
        if s.starts_at.astimezone(zone).date() == day
    ]
    index = next(i for i, s in enumerate(same_day) if s.pk == session.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(same_day):
        return session
    first, second = sorted([same_day[index], same_day[other_index]], key=same_day.index)
    gap = max(second.starts_at - first.ends_at, dt.timedelta(0))
    first_length, second_length = first.ends_at - first.starts_at, second.ends_at - second.starts_at
    start = first.starts_at
    second.starts_at, second.ends_at = start, start + second_length
    first.starts_at = second.ends_at + gap
    first.ends_at = first.starts_at + first_length
    first.position, second.position = second.position, first.position
    for moved in (first, second):
        moved.save(update_fields=["starts_at", "ends_at", "position"])
    bump_sequence(session.convening)
    record(
        actor=by,
        action="agenda_session.moved",
        obj=same_day[index],
        changes={"direction": [None, direction]},
    )
    return same_day[index]
