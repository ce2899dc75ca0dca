"""Re-checking what participants see after a change of who is protected or present.

`recheck` runs after anything that changes who is protected or who is present (an
invitation, a change of visibility or consent, an erasure): every published note, agenda
session, site visit, follow-up action and progress update is checked again; what now
identifies someone is taken down from participant view (notes go back to draft, the rest is
withheld) and listed for staff with the reason (`ProtectionFlag`, `/staff/protection/`).
Editing the object so that it passes the check resolves its flag (`resolve_if_clean`).
An app whose objects need more than a search of their fields (engagement's meeting notes,
checked by the Chatham House checker) registers its own check (`register_recheck`, from
its AppConfig.ready): participants imports no app that builds on it.
It runs inside the transaction of the change, not as a task: a protection that waits
for a queue that may be down is no protection."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone

from common.translation import localized

from .. import protection
from ..models import ProtectionFlag

if TYPE_CHECKING:
    from accounts.models import User


logger = logging.getLogger(__name__)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# Participant-facing objects and their free-text fields (translated ones in every language).
SHOWN_TO_PARTICIPANTS = {
    "convenings.agendasession": ["facilitators", "title*", "description*"],
    "convenings.sitevisit": ["programme*", "place", "learning*"],
    "engagement.followupaction": ["title"],
    "engagement.actionupdate": ["text"],
    "briefings.briefing": ["title*", "summary*", "body*"],
}


def _fields(label: str) -> list[str]:
    out = []
    for name in SHOWN_TO_PARTICIPANTS[label]:
        if name.endswith("*"):
            out += [localized(name[:-1], code) for code in LANGUAGE_CODES]
        else:
            out.append(name)
    return out


def flag_object(obj, *, field: str, participant_id: int | None, reason: str) -> bool:
    """Lists `obj` for staff (unless an open flag already does); True when newly listed."""
    label = obj._meta.label_lower
    exists = ProtectionFlag.objects.filter(
        object_type=label, object_id=str(obj.pk), field=field, resolved_at=None
    ).exists()
    if exists:
        return False
    ProtectionFlag.objects.create(
        object_type=label,
        object_id=str(obj.pk),
        field=field,
        reason=reason,
        participant_id=participant_id,
        label=str(obj)[:200],
    )
    return True


# The reason of a flag on a stored file whose contents name someone and could not be
# rewritten (file_contents): reading every file on each re-check would be slow, so such a
# flag stays open until a clean file replaces it (`resolve_if_clean`).
FILE_CONTENTS = "file_contents"


@dataclass
class RecheckResult:
    checked: int = 0
    flagged: int = 0
    notes_unpublished: int = 0
    resolved: int = 0


# object type ("app.model") -> its app's own check, called as check(registry=, why=, by=)
# inside the re-check's transaction; it flags what it finds (`flag_object`) and resolves
# its own flags, so the re-check leaves that type's flags alone.
_CHECKS: dict[str, Callable[..., RecheckResult]] = {}


def register_recheck(object_type: str, check: Callable[..., RecheckResult]) -> None:
    """Called from the AppConfig.ready of the app that owns `object_type`."""
    _CHECKS[object_type] = check


@transaction.atomic
def recheck(*, why: str, by: User | None = None) -> RecheckResult:
    """Check again everything participants can read (see the module docstring)."""
    result = RecheckResult()
    registry = protection.registry(audience=protection.Audience.PARTICIPANTS)
    still_bad: set[tuple[str, str]] = set()
    for label in SHOWN_TO_PARTICIPANTS:
        model = apps.get_model(label)
        fields = [f for f in _fields(label) if _has_field(model, f)]
        for obj in model._default_manager.all().iterator():
            result.checked += 1
            for name in fields:
                hits = registry.find(getattr(obj, name, "") or "")
                if hits:
                    still_bad.add((label, str(obj.pk)))
                    who = hits[0].identity.participant_id
                    if flag_object(obj, field=name, participant_id=who, reason=hits[0].reason):
                        result.flagged += 1
    for check in _CHECKS.values():
        found = check(registry=registry, why=why, by=by)
        result.checked += found.checked
        result.flagged += found.flagged
        result.notes_unpublished += found.notes_unpublished
    # Flags whose object now passes (edited, or the person is named again) are resolved.
    open_flags = ProtectionFlag.objects.filter(resolved_at=None)
    for flag in open_flags.exclude(object_type__in=list(_CHECKS)).exclude(reason=FILE_CONTENTS):
        if (flag.object_type, flag.object_id) not in still_bad:
            flag.resolved_at = timezone.now()
            flag.save(update_fields=["resolved_at"])
            result.resolved += 1
    logger.info("protection re-check (%s): %s", why, result)
    return result


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:  # a language not installed
        return False
    return True


def resolve_if_clean(obj) -> None:
    """The object was edited and passed the check: its open flags are resolved."""
    if obj.pk is None:
        return
    ProtectionFlag.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), resolved_at=None
    ).update(resolved_at=timezone.now())
