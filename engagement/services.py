"""Writes between meetings: notes, their publication, actions, feedback, pausing follow-ups."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import diff, record, snapshot
from accounts.models import User
from common.translation import localized
from convenings.models import AgendaSession, Convening
from operations.trash import delete_object
from participants import protection
from participants.models import Country, Participant
from participants.protection_services import resolve_if_clean

from . import checker
from .models import (
    ActionStatus,
    ActionUpdate,
    FeedbackReceipt,
    FeedbackResponse,
    FollowUpAction,
    MeetingNote,
    NotesStatus,
    SessionRating,
)
from .permissions import can_update_action
from .selectors import attendee_invitations

logger = logging.getLogger(__name__)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
NOTE_TEXT_FIELDS = [
    localized(name, code) for name in checker.NOTE_FIELDS for code in LANGUAGE_CODES
]


class NotesAttributeSomeoneError(ValidationError):
    """Publishing refused: the notes name or point at a participant (see `.matches`)."""

    def __init__(self, matches: list[checker.Match]):
        self.matches = matches
        super().__init__(
            _(
                "These notes cannot be published under the Chatham House Rule: they name or "
                "point at a participant. Rephrase each highlighted passage and try again."
            ),
            code="attributed",
        )


class FeedbackAlreadyGivenError(ValidationError):
    def __init__(self):
        super().__init__(_("You have already given feedback on this convening."), code="duplicate")


# --- Notes ----------------------------------------------------------------------------


@transaction.atomic
def save_notes(
    *,
    convening: Convening,
    by: User,
    texts: dict[str, str],
    notes: MeetingNote | None = None,
    session: AgendaSession | None = None,
) -> MeetingNote:
    """Create or edit notes. `texts` maps e.g. "key_points_th" to text.

    Editing published notes returns them to draft: the new wording has not been checked.
    """
    if session is not None and session.convening_id != convening.pk:
        raise ValidationError(_("That session belongs to another convening."))
    creating = notes is None
    if creating:
        notes = MeetingNote(convening=convening)
    before = snapshot(notes, ["status", "session", *NOTE_TEXT_FIELDS])
    notes.session = session
    for name, value in texts.items():
        if name not in NOTE_TEXT_FIELDS:
            raise ValueError(f"unknown notes field {name!r}")
        setattr(notes, name, (value or "").strip())
    if not creating and notes.status == NotesStatus.PUBLISHED:
        changed = diff(before, snapshot(notes, ["session", *NOTE_TEXT_FIELDS]))
        if changed:
            notes.status = NotesStatus.DRAFT
            notes.published_at = None
            notes.published_by = None
    notes.updated_by = by
    notes.save()
    record(
        actor=by,
        action="notes.created" if creating else "notes.updated",
        obj=notes,
        changes=diff(before, snapshot(notes, ["status", "session", *NOTE_TEXT_FIELDS])),
    )
    return notes


@transaction.atomic
def publish_notes(*, notes: MeetingNote, by: User) -> MeetingNote:
    """Publish, unless the checker finds someone: under the Chatham House Rule anything
    that attributes; for every convening, anyone who may not be named to participants."""
    notes = MeetingNote.objects.select_for_update().select_related("convening").get(pk=notes.pk)
    matches = checker.check_notes(notes)
    if matches:
        logger.info("notes %s: publishing refused, %d matches", notes.pk, len(matches))
        raise NotesAttributeSomeoneError(matches)
    if not any(getattr(notes, name) for name in NOTE_TEXT_FIELDS):
        raise ValidationError(_("Write the notes before publishing them."), code="empty")
    before = snapshot(notes, ["status"])
    notes.status = NotesStatus.PUBLISHED
    notes.published_at = timezone.now()
    notes.published_by = by
    notes.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    resolve_if_clean(notes)
    record(
        actor=by, action="notes.published", obj=notes, changes=diff(before, {"status": "published"})
    )
    return notes


@transaction.atomic
def unpublish_notes(*, notes: MeetingNote, by: User) -> MeetingNote:
    before = snapshot(notes, ["status"])
    notes.status = NotesStatus.DRAFT
    notes.published_at = None
    notes.published_by = None
    notes.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    record(
        actor=by, action="notes.unpublished", obj=notes, changes=diff(before, {"status": "draft"})
    )
    return notes


# --- Actions --------------------------------------------------------------------------

_ACTION_FIELDS = ["title", "owner", "owned_by_secretariat", "country", "due_date", "status"]


def _check_names(text: str, *, field: str) -> None:
    """Actions and progress updates are read by their owner: they name nobody who may not
    be named to participants (participants.protection), in any form or script."""
    people = protection.registry().names_in(text or "")
    if people:
        raise ValidationError(
            {
                field: _(
                    "This names someone who may not be named to other participants "
                    "(%(reason)s). Leave the name out."
                )
                % {"reason": protection.reason_label(people[0].reason)}
            },
            code="protected",
        )


def _check_owner(*, convening: Convening, owner: Participant | None) -> None:
    if owner is not None and not convening.invitations.filter(participant=owner).exists():
        raise ValidationError(_("The owner must be invited to this convening."))


@transaction.atomic
def create_action(
    *,
    convening: Convening,
    title: str,
    by: User,
    owner: Participant | None = None,
    country: Country | None = None,
    due_date: dt.date | None = None,
) -> FollowUpAction:
    """An action owned by `owner`, or by the secretariat when there is no owner."""
    _check_owner(convening=convening, owner=owner)
    _check_names(title, field="title")
    action = FollowUpAction.objects.create(
        convening=convening,
        title=title.strip(),
        owner=owner,
        owned_by_secretariat=owner is None,
        country=country if country is not None else (owner.country if owner else None),
        due_date=due_date,
        created_by=by,
    )
    record(actor=by, action="action.created", obj=action, changes={})
    return action


@transaction.atomic
def update_action(
    *,
    action: FollowUpAction,
    by: User,
    title: str,
    owner: Participant | None,
    country: Country | None,
    due_date: dt.date | None,
    status: str,
) -> FollowUpAction:
    _check_owner(convening=action.convening, owner=owner)
    _check_names(title, field="title")
    before = snapshot(action, _ACTION_FIELDS)
    action.title = title.strip()
    action.owner = owner
    action.owned_by_secretariat = owner is None
    action.country = country
    action.due_date = due_date
    _set_status(action, status)
    action.save()
    resolve_if_clean(action)
    record(
        actor=by,
        action="action.updated",
        obj=action,
        changes=diff(before, snapshot(action, _ACTION_FIELDS)),
    )
    return action


@transaction.atomic
def delete_action(*, action: FollowUpAction, by: User) -> bool:
    """To "Recently deleted" (operations.trash); False when it already was."""
    return delete_object(obj=action, by=by)


def _set_status(action: FollowUpAction, status: str) -> None:
    if status not in ActionStatus.values:
        raise ValidationError(_("Unknown status."))
    if status == ActionStatus.DONE and action.status != ActionStatus.DONE:
        action.completed_at = timezone.now()
    elif status != ActionStatus.DONE:
        action.completed_at = None
    action.status = status


@transaction.atomic
def add_action_update(
    *, action: FollowUpAction, by: User, text: str, status: str | None = None
) -> ActionUpdate:
    """Progress from the owner (portal) or from staff; may change the status too."""
    if not can_update_action(user=by, action=action):
        raise PermissionDenied
    text = (text or "").strip()
    status = status or ""
    if status == action.status:
        status = ""
    if not text and not status:
        raise ValidationError(_("Write what has happened or choose a new status."), code="empty")
    _check_names(text, field="text")
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if status:
        before = snapshot(action, ["status"])
        _set_status(action, status)
        action.save(update_fields=["status", "completed_at", "updated_at"])
        record(
            actor=by,
            action="action.status_changed",
            obj=action,
            changes=diff(before, snapshot(action, ["status"])),
        )
    return ActionUpdate.objects.create(action=action, text=text, status=status, author=by)


# --- Feedback -------------------------------------------------------------------------

EMPTY_FEEDBACK = _("Rate at least one session or write an answer before sending your feedback.")


def feedback_is_empty(*, ratings: dict[int, int], what_to_change: str, priorities: str) -> bool:
    """Nothing rated and nothing written: such a form says nothing and must not count as given."""
    rated = any(value is not None for value in ratings.values())
    return not rated and not (what_to_change or "").strip() and not (priorities or "").strip()


@transaction.atomic
def submit_feedback(
    *,
    convening: Convening,
    participant: Participant,
    ratings: dict[int, int],
    what_to_change: str = "",
    priorities: str = "",
) -> FeedbackResponse:
    """Store the answers with no link to the person, and separately that they answered.

    `ratings` maps agenda session ids of this convening to 1..5; sessions left out were
    not rated.
    """
    if not attendee_invitations(convening=convening).filter(participant=participant).exists():
        raise PermissionDenied
    if feedback_is_empty(ratings=ratings, what_to_change=what_to_change, priorities=priorities):
        # Checked before the receipt: an empty form would otherwise close the real one.
        raise ValidationError(EMPTY_FEEDBACK, code="empty")
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(convening=convening, participant=participant)
    except IntegrityError as exc:
        raise FeedbackAlreadyGivenError from exc
    session_ids = set(convening.sessions.values_list("pk", flat=True))
    response = FeedbackResponse.objects.create(
        convening=convening,
        what_to_change=(what_to_change or "").strip(),
        priorities=(priorities or "").strip(),
        submitted_on=timezone.localdate(),
    )
    rows = []
    for session_id, value in ratings.items():
        if session_id not in session_ids:
            raise ValidationError(_("That session belongs to another convening."))
        if value is None:
            continue
        if not 1 <= int(value) <= 5:
            raise ValidationError(_("Ratings go from 1 to 5."))
        rows.append(SessionRating(response=response, session_id=session_id, usefulness=int(value)))
    SessionRating.objects.bulk_create(rows)
    return response


# --- Follow-ups -----------------------------------------------------------------------


@transaction.atomic
def pause_followups(*, convening: Convening, paused: bool, by: User | None = None) -> Convening:
    """Stop (or restart) every automatic message about this convening."""
    before = snapshot(convening, ["followups_paused"])
    Convening.objects.filter(pk=convening.pk).update(followups_paused=paused)
    convening.followups_paused = paused
    record(
        actor=by,
        action="convening.followups_paused" if paused else "convening.followups_resumed",
        obj=convening,
        changes=diff(before, snapshot(convening, ["followups_paused"])),
    )
    return convening
