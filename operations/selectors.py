"""Reads of operations: the "Recently deleted" list."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.db import models

from .trash import KINDS, Kind, deleted_parents


@dataclasses.dataclass
class DeletedItem:
    kind: Kind
    obj: models.Model
    # Deleted parents to restore first (empty: it can be restored now).
    blocked_by: list
    purge_on: dt.datetime

    @property
    def key(self) -> str:
        return self.kind.key

    @property
    def belongs_to(self) -> models.Model | None:
        """What it was part of (the outcome, the convening), to tell similar items apart."""
        return getattr(self.obj, self.kind.belongs_to) if self.kind.belongs_to else None


def recently_deleted() -> list[DeletedItem]:
    """Everything deleted and not yet purged, newest first.

    One query per kind (seven), whatever the number of items: each with who deleted it and
    the parents its restore depends on (select_related, so checking them costs nothing).
    """
    items = []
    for kind in KINDS.values():
        rows = (
            kind.model.all_objects.filter(deleted_at__isnull=False)
            .select_related("deleted_by", *kind.select_related)
            .order_by("-deleted_at", "-pk")
        )
        for obj in rows:
            items.append(
                DeletedItem(
                    kind=kind,
                    obj=obj,
                    blocked_by=deleted_parents(obj),
                    purge_on=obj.deleted_at + dt.timedelta(days=settings.DELETED_KEEP_DAYS),
                )
            )
    items.sort(key=lambda item: item.obj.deleted_at, reverse=True)
    return items
