"""Delete, restore and purge, the same way for every kind of deletable thing.

Each kind (outcome, evidence, notes, ...) is described once in `KINDS`: its model, which
of its forward relations are parents that must be live for it to come back, which report
years it counts in, where staff find it, and what else changes with it (the convening's
calendar sequence for agenda items). Services here are the only writers of `deleted_at`;
every delete, restore and purge is in the audit log.

Deleting something a stored report already counted keeps the report's file as it was and
marks the report outdated (outcomes.StoredReport.outdated_at); restoring does the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Kind:
    key: str
    model_label: str
    label: str  # lazy, singular: "Outcome"
    # Forward relations to deletable parents: a child of a deleted parent is not restored.
    parents: tuple[str, ...] = ()
    # The convening whose report year (and calendar) the object belongs to, if any.
    report_year: Callable[[models.Model], int | None] = lambda obj: None
    home: Callable[[models.Model], str] = lambda obj: ""
    # Called after delete or restore, inside the transaction.
    after: Callable[[models.Model, object], None] | None = None
    select_related: tuple[str, ...] = ()
    # The relation named on the "Recently deleted" page: what the object was part of.
    belongs_to: str = ""
    # Raises StillUsedError when the object may not be deleted (a briefing that went out).
    check: Callable[[models.Model], None] | None = None
    # The uploaded files of the object and of the rows its deletion cascades to:
    # (storage, name) pairs, removed once a purge has removed the rows.
    files: Callable[[models.Model], list] | None = None
    # Purged in this order, children (low ranks) before their parents.
    purge_rank: int = 0

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)


# Each app describes its deletable kinds (its `deletable.py`, from its AppConfig.ready):
# operations sits below the apps and imports none of them.
KINDS: dict[str, Kind] = {}
# Called with a report year whose figures changed; each returns how many reports it marked.
_REPORT_YEAR_LISTENERS: list[Callable[[int], int]] = []


def register(*kinds: Kind) -> None:
    """Make `kinds` deletable through "Recently deleted" (safe to call again)."""
    for kind in kinds:
        KINDS[kind.key] = kind


def when_report_year_changes(listener: Callable[[int], int]) -> None:
    """`listener(year)` is called, inside the transaction, when something a report of
    `year` counts is deleted, restored or withdrawn (outcomes marks stored reports)."""
    if listener not in _REPORT_YEAR_LISTENERS:
        _REPORT_YEAR_LISTENERS.append(listener)


def kind_of(obj: models.Model) -> Kind:
    for kind in KINDS.values():
        if kind.model_label == obj._meta.label:
            return kind
    raise LookupError(obj._meta.label)


def get_any_or_none(*, kind: str, pk: int) -> models.Model | None:
    """The object, deleted or not (delete and restore are idempotent: a second POST finds
    it already done and answers the same)."""
    spec = KINDS[kind]
    return spec.model.all_objects.select_related(*spec.select_related).filter(pk=pk).first()


class StillUsedError(ValidationError):
    """The object may not be deleted: something that went out refers to it."""


class ParentDeletedError(ValidationError):
    """The object cannot come back on its own: its parent is deleted."""


def mark_reports_outdated(*, year: int | None) -> int:
    """Stored reports whose period covers `year` no longer match the records: each
    listener (outcomes' stored reports) marks them; returns how many were marked."""
    if year is None:
        return 0
    return sum(listener(year) for listener in _REPORT_YEAR_LISTENERS)


def _changed(kind: Kind, obj, by, action: str) -> None:
    record(actor=by, action=f"{kind.key}.{action}", obj=obj)
    mark_reports_outdated(year=kind.report_year(obj))
    if kind.after is not None:
        kind.after(obj, by)


@transaction.atomic
def delete_object(*, obj: models.Model, by) -> bool:
    """Move `obj` to "Recently deleted". False (and nothing written) when it already was."""
    kind = kind_of(obj)
    if kind.check is not None:
        kind.check(obj)
    now = timezone.now()
    claimed = kind.model.all_objects.filter(pk=obj.pk, deleted_at__isnull=True).update(
        deleted_at=now, deleted_by=by if getattr(by, "is_authenticated", False) else None
    )
    if not claimed:
        return False
    obj.deleted_at, obj.deleted_by = now, by
    _changed(kind, obj, by, "deleted")
    return True


def deleted_parents(obj: models.Model) -> list[tuple[Kind, models.Model]]:
    """Parents of `obj` that are deleted themselves, to be restored first."""
    kind = kind_of(obj)
    found = []
    for name in kind.parents:
        parent = getattr(obj, name)  # forward relation: the base manager sees deleted rows
        if parent is not None and parent.deleted_at is not None:
            found.append((kind_of(parent), parent))
    return found


@transaction.atomic
def restore_object(*, obj: models.Model, by) -> bool:
    """Bring `obj` back. False when it was not deleted; ParentDeletedError when a parent is."""
    kind = kind_of(obj)
    blocked = deleted_parents(obj)
    if blocked:
        parent_kind, parent = blocked[0]
        raise ParentDeletedError(
            _('Restore the %(kind)s "%(name)s" first: this belongs to it and it is deleted.')
            % {"kind": str(parent_kind.label).lower(), "name": parent}
        )
    claimed = kind.model.all_objects.filter(pk=obj.pk, deleted_at__isnull=False).update(
        deleted_at=None, deleted_by=None
    )
    if not claimed:
        return False
    obj.deleted_at = obj.deleted_by = None
    _changed(kind, obj, by, "restored")
    return True


def purge_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.DELETED_KEEP_DAYS)


def purge_deleted(*, now: dt.datetime | None = None) -> int:
    """Remove for good what was deleted more than DELETED_KEEP_DAYS ago. Returns how many.

    Each row is claimed by deleting it in its own transaction (`skip_locked` where the
    database has row locks): two purges at once remove each row once and write one audit
    entry for it; one failing row does not stop the others. Children go first so a
    cascade from a purged parent never removes a row before its own audit entry.
    """
    cutoff = purge_cutoff(now)
    purged = 0
    for kind in sorted(KINDS.values(), key=lambda kind: kind.purge_rank):
        key = kind.key
        ids = list(
            kind.model.all_objects.filter(deleted_at__lte=cutoff).values_list("pk", flat=True)
        )
        for pk in ids:
            try:
                purged += _purge_one(kind, pk, cutoff)
            except Exception:
                logger.exception("purge failed", extra={"kind": key, "pk": pk})
    if purged:
        logger.info("purged %s deleted items", purged)
    return purged


@transaction.atomic
def _purge_one(kind: Kind, pk: int, cutoff: dt.datetime) -> int:
    obj = (
        kind.model.all_objects.select_for_update(skip_locked=True)
        .filter(pk=pk, deleted_at__lte=cutoff)
        .first()
    )
    if obj is None:  # restored meanwhile, or another purge has it
        return 0
    record(actor=None, action=f"{kind.key}.purged", obj=obj)
    files = _stored_files(obj)
    obj.delete()
    # Uploaded files go too, once the rows are gone for certain.
    transaction.on_commit(lambda: _delete_files(files))
    return 1


def _stored_files(obj) -> list:
    kind = kind_of(obj)
    return kind.files(obj) if kind.files is not None else []


def _delete_files(files: list) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:  # a file already gone or storage away: the row is gone anyway
            logger.warning("purged file not removed", extra={"file": name}, exc_info=True)
