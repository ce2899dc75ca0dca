"""Published meeting notes, checked again when who is protected or present changes.

Registered with participants' re-check (`participants.protection_services.register_recheck`)
from EngagementConfig.ready: the re-check runs this inside its transaction, and
participants imports nothing from engagement. What now identifies someone goes back to
draft, with a flag for staff (`/staff/protection/`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts import audit
from participants.protection_services.recheck import RecheckResult, flag_object

from . import checker
from .models import MeetingNote, NotesStatus

if TYPE_CHECKING:
    from accounts.models import User
    from participants.protection import Registry

OBJECT_TYPE = "engagement.meetingnote"


def recheck_published_notes(*, registry: Registry, why: str, by: User | None) -> RecheckResult:
    result = RecheckResult()
    for notes in MeetingNote.objects.filter(status=NotesStatus.PUBLISHED).select_related(
        "convening"
    ):
        result.checked += 1
        matches = checker.check_notes(notes, registry=registry)
        if not matches:
            continue
        first = matches[0]
        notes.status = NotesStatus.DRAFT
        notes.published_at = None
        notes.published_by = None
        notes.save(update_fields=["status", "published_at", "published_by", "updated_at"])
        audit.record(
            actor=by,
            action="notes.unpublished",
            obj=notes,
            changes={"status": ["published", "draft"], "why": [None, why]},
        )
        flag_object(
            notes,
            field=first.field,
            participant_id=first.participant_id or None,
            reason=_note_reason(first),
        )
        result.notes_unpublished += 1
        result.flagged += 1
    return result


def _note_reason(match: checker.Match) -> str:
    return {
        checker.Kind.PROTECTED: "protected",
        checker.Kind.SPEAKER: "speaker",
        checker.Kind.DESCRIPTION: "description",
        checker.Kind.ORGANISATION: "organisation",
        checker.Kind.POSITION_COUNTRY: "position_country",
    }.get(match.kind, "name")
