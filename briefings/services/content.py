"""Writing briefings: create and edit their content, publish them, take them back to draft."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import User
from common.translation import localized
from convenings.models import Convening
from participants import protection
from participants.protection_services import resolve_if_clean

from ..models import (
    TRANSLATED_FIELDS,
    Briefing,
    BriefingStatus,
)
from ..selectors import content_languages

CONTENT_FIELDS = [
    localized(name, code) for name in TRANSLATED_FIELDS for code in content_languages()
]


def _set_content(briefing: Briefing, data: dict[str, str]) -> list[str]:
    """Apply the given content fields; the names of those that changed."""
    changed = []
    for field in CONTENT_FIELDS:
        if field in data:
            value = (data[field] or "").strip()
            if (getattr(briefing, field) or "") != value:
                setattr(briefing, field, value)
                changed.append(field)
    return changed


@transaction.atomic
def create_briefing(
    *, by: User, data: dict[str, str], convening: Convening | None = None, publish: bool = False
) -> Briefing:
    """A new briefing (a draft unless `publish`). `data` holds `title_en`, `body_th`, …"""
    briefing = Briefing(author=by, convening=convening)
    _set_content(briefing, data)
    if not briefing.title_en:
        raise ValidationError({"title_en": "An English title is required."})
    briefing.save()
    record(actor=by, action="briefing.created", obj=briefing)
    if publish:
        publish_briefing(briefing=briefing, by=by)
    return briefing


@transaction.atomic
def update_briefing(
    *,
    briefing: Briefing,
    by: User,
    data: dict[str, str],
    convening: Convening | None,
    publish: bool = False,
) -> Briefing:
    """Save changes; on a published briefing they are live at once and the version goes up.

    With `publish` ("Save and publish") the draft is also published, in the same
    transaction: if publishing is refused (a protected name), nothing is saved either.
    """
    briefing = _save_changes(briefing=briefing, by=by, data=data, convening=convening)
    if publish:
        briefing = publish_briefing(briefing=briefing, by=by)
    return briefing


def _save_changes(
    *, briefing: Briefing, by: User, data: dict[str, str], convening: Convening | None
) -> Briefing:
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    old_version = briefing.version
    changed = _set_content(briefing, data)
    if briefing.convening_id != (convening.pk if convening else None):
        briefing.convening = convening
        changed.append("convening")
    if not changed:
        return briefing
    if briefing.is_published:
        briefing.version += 1
    briefing.save()
    # Field names only: the texts are long and live in the briefing itself.
    record(
        actor=by,
        action="briefing.updated",
        obj=briefing,
        changes={"version": [old_version, briefing.version], "fields": [None, changed]},
    )
    return briefing


def _check_protected_names(briefing: Briefing) -> None:
    """Participants read every translation: none may name someone who may not be named to
    them (participants.protection), in any form or script."""
    registry = protection.registry()
    found = sorted(
        {
            identity.label
            for name in ("title", "summary", "body")
            for code in content_languages()
            for identity in registry.names_in(getattr(briefing, localized(name, code), "") or "")
        }
    )
    if found:
        raise ValidationError(
            _(
                "This briefing names %(people)s, who may not be named to participants. "
                "Leave the name out, then publish."
            )
            % {"people": ", ".join(found)},
            code="protected",
        )
    resolve_if_clean(briefing)


@transaction.atomic
def publish_briefing(*, briefing: Briefing, by: User) -> Briefing:
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if briefing.is_published:
        return briefing
    _check_protected_names(briefing)
    briefing.status = BriefingStatus.PUBLISHED
    briefing.version += 1
    briefing.published_at = briefing.published_at or timezone.now()
    briefing.save(update_fields=["status", "version", "published_at", "updated_at"])
    record(
        actor=by,
        action="briefing.published",
        obj=briefing,
        changes={"status": ["draft", "published"], "version": [None, briefing.version]},
    )
    return briefing


@transaction.atomic
def unpublish_briefing(*, briefing: Briefing, by: User) -> Briefing:
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if not briefing.is_published:
        return briefing
    briefing.status = BriefingStatus.DRAFT
    briefing.save(update_fields=["status", "updated_at"])
    record(actor=by, action="briefing.unpublished", obj=briefing)
    return briefing
