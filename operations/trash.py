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

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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

    @property
    def model(self) -> type[models.Model]:
        from django.apps import apps

        return apps.get_model(self.model_label)


def _bump_calendar(obj, by) -> None:
    from convenings.services import bump_sequence

    bump_sequence(obj.convening)


def _convening_year(obj) -> int:
    return obj.convening.start_date.year


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind(
            key="outcome",
            model_label="outcomes.Outcome",
            label=gettext_lazy("Outcome"),
            report_year=lambda o: o.date.year,
            home=lambda o: reverse("outcomes:staff-edit", args=[o.pk]),
        ),
        Kind(
            key="evidence",
            model_label="outcomes.OutcomeEvidence",
            label=gettext_lazy("Evidence"),
            parents=("outcome",),
            home=lambda e: reverse("outcomes:staff-edit", args=[e.outcome_id]),
            select_related=("outcome",),
            belongs_to="outcome",
        ),
        Kind(
            key="notes",
            model_label="engagement.MeetingNote",
            label=gettext_lazy("Meeting notes"),
            parents=("session",),
            home=lambda n: reverse("engagement:staff-notes", args=[n.convening_id]),
            select_related=("convening", "session"),
            belongs_to="convening",
        ),
        Kind(
            key="action",
            model_label="engagement.FollowUpAction",
            label=gettext_lazy("Follow-up action"),
            report_year=_convening_year,
            home=lambda a: reverse("engagement:staff-actions", args=[a.convening_id]),
            select_related=("convening",),
            belongs_to="convening",
        ),
        Kind(
            key="agenda_session",
            model_label="convenings.AgendaSession",
            label=gettext_lazy("Agenda session"),
            report_year=_convening_year,
            home=lambda s: reverse("convenings:staff-agenda", args=[s.convening_id]),
            after=_bump_calendar,
            select_related=("convening",),
            belongs_to="convening",
        ),
        Kind(
            key="site_visit",
            model_label="convenings.SiteVisit",
            label=gettext_lazy("Site visit"),
            report_year=_convening_year,
            home=lambda v: reverse("convenings:staff-site-visits", args=[v.convening_id]),
            after=_bump_calendar,
            select_related=("convening",),
            belongs_to="convening",
        ),
        Kind(
            key="briefing",
            model_label="briefings.Briefing",
            label=gettext_lazy("Briefing"),
            home=lambda b: reverse("briefings:staff-list"),
        ),
    )
}


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


def _check_deletable(obj) -> None:
    from briefings.models import Briefing

    if not isinstance(obj, Briefing):
        return
    if obj.is_published:
        raise StillUsedError(
            _(
                "A published briefing is not deleted: participants may have it. "
                "Unpublish it instead (back to draft); a draft can then be deleted."
            )
        )
    if obj.packs.exists():
        raise StillUsedError(
            _(
                "This briefing went out in a briefing pack, so it is kept for the record. "
                "Keep it as a draft instead."
            )
        )


def mark_reports_outdated(*, year: int | None) -> int:
    """Ready stored reports whose period covers `year` no longer match the records: their
    file stays as it was and the reports page says the report is outdated."""
    if year is None:
        return 0
    from outcomes.models import ReportStatus, StoredReport

    return StoredReport.objects.filter(
        status=ReportStatus.DONE,
        outdated_at__isnull=True,
        start_year__lte=year,
        end_year__gte=year,
    ).update(outdated_at=timezone.now())


def _changed(kind: Kind, obj, by, action: str) -> None:
    record(actor=by, action=f"{kind.key}.{action}", obj=obj)
    mark_reports_outdated(year=kind.report_year(obj))
    if kind.after is not None:
        kind.after(obj, by)


@transaction.atomic
def delete_object(*, obj: models.Model, by) -> bool:
    """Move `obj` to "Recently deleted". False (and nothing written) when it already was."""
    kind = kind_of(obj)
    _check_deletable(obj)
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
    order = ("evidence", "notes", "action", "site_visit", "agenda_session", "outcome", "briefing")
    for key in order:
        kind = KINDS[key]
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
    """The uploaded files of `obj` and of the rows its deletion cascades to."""
    from briefings.models import Briefing
    from outcomes.models import Outcome, OutcomeEvidence

    if isinstance(obj, OutcomeEvidence):
        rows = [obj]
    elif isinstance(obj, Outcome):
        rows = list(OutcomeEvidence.all_objects.filter(outcome=obj))
    elif isinstance(obj, Briefing):
        rows = list(obj.files.all())
    else:
        return []
    return [(row.file.storage, row.file.name) for row in rows if row.file]


def _delete_files(files: list) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:  # a file already gone or storage away: the row is gone anyway
            logger.warning("purged file not removed", extra={"file": name}, exc_info=True)
