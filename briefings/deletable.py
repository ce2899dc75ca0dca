"""Draft briefings can be deleted into "Recently deleted" (operations.trash); a briefing
that is published or went out in a pack is kept."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from operations.trash import Kind, StillUsedError, register


def check_deletable(briefing) -> None:
    """Raises StillUsedError for a published briefing or one that went out in a pack."""
    if briefing.is_published:
        raise StillUsedError(
            _(
                "A published briefing is not deleted: participants may have it. "
                "Unpublish it instead (back to draft); a draft can then be deleted."
            )
        )
    if briefing.packs.exists():
        raise StillUsedError(
            _(
                "This briefing went out in a briefing pack, so it is kept for the record. "
                "Keep it as a draft instead."
            )
        )


def register_kinds() -> None:
    register(
        Kind(
            key="briefing",
            model_label="briefings.Briefing",
            label=gettext_lazy("Briefing"),
            home=lambda b: reverse("briefings:staff-list"),
            check=check_deletable,
            files=lambda b: [(f.file.storage, f.file.name) for f in b.files.all() if f.file],
            purge_rank=6,
        ),
    )
