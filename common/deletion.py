"""Deletion that can be undone: the fields and managers every deletable model shares.

A deleted row keeps its data and gets `deleted_at`/`deleted_by`; the model's default
manager (`objects`) hides it, so it leaves every list, count and report at once, and
"Recently deleted" (operations.trash) can bring it back until the purge task removes it
for good after DELETED_KEEP_DAYS.

How Django's managers play with this (tests/operations/test_trash.py checks each):
- `Model.objects` and reverse relations (`outcome.evidence.all()`, `convening.sessions`,
  many-to-many such as `convening.outcomes`) use the default manager: deleted rows hidden.
- Forward relations (`evidence.outcome`, `note.session`) use `_base_manager`, a plain
  manager: a live row still reaches a deleted parent (the trash page needs that).
- Reverse one-to-one (`session.site_visit`) also uses `_base_manager`: it can return a
  deleted visit, so templates must not reach a visit that way.
- Joins in filters and aggregates (`Count("evidence")`, `filter(outcomes__kind=...)`) use
  no manager: such queries must say `<relation>__deleted_at__isnull=True` themselves.
- `all_objects` sees everything, for the trash page, restore and purge.

Not django-safedelete: its `save()` silently undeletes a deleted row unless every caller
passes `keep_deleted`, it has no "deleted by", and its cascade policy restores children
along with their parent, while here a child whose parent is deleted must not come back on
its own (the trash page says which parent to restore first).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveQuerySet(models.QuerySet):
    def live(self):
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)


class LiveManager(models.Manager.from_queryset(LiveQuerySet)):
    """The default manager: rows not deleted."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


AllManager = models.Manager.from_queryset(LiveQuerySet)


class Deletable(models.Model):
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = LiveManager()
    all_objects = AllManager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
