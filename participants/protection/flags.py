"""What the re-check took down from participant view, for the staff page and the querysets
that keep flagged objects from participants."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import ProtectionFlag
from .vocabulary import REASON_LABELS


def withheld(label: str) -> models.QuerySet:
    """Ids (a subquery) of objects of this model kept from participants by an open flag
    (see participants.protection_services.recheck)."""
    return (
        ProtectionFlag.objects.filter(object_type=label, resolved_at=None)
        .annotate(pk_value=Cast("object_id", models.BigIntegerField()))
        .values("pk_value")
    )


@dataclass(frozen=True)
class FlagRow:
    flag: ProtectionFlag
    kind: str  # the object's kind, translated
    reason: str  # in the reader's language
    field: str  # the field's label, translated ("Key points", "Facilitators")
    person: str  # whom it identifies (staff see names)
    url: str  # where staff fix it, or ""


FLAG_REASONS = {
    **REASON_LABELS,
    "protected": _("names someone who may not be named to participants"),
    "speaker": _("attributes a remark to someone by their pseudonym"),
    "description": _("describes exactly one person present"),
    "organisation": _("names the organisation of someone present"),
    "position_country": _("gives the position and country of someone present"),
    "name": _("names someone present"),
    "file_contents": _(
        "the file's contents name someone who may not be named, and this kind of file cannot"
        " be rewritten: upload a copy without the name"
    ),
}


def _flag_url(flag: ProtectionFlag, objects: dict) -> str:
    obj = objects.get((flag.object_type, flag.object_id))
    if obj is None:
        return ""
    if flag.object_type == "engagement.meetingnote":
        return reverse("engagement:staff-note-edit", args=[obj.convening_id, obj.pk])
    if flag.object_type in ("engagement.followupaction",):
        return reverse("engagement:staff-action", args=[obj.convening_id, obj.pk])
    if flag.object_type == "engagement.actionupdate":
        return reverse("engagement:staff-actions", args=[obj.action.convening_id])
    if flag.object_type == "convenings.agendasession":
        return reverse("convenings:staff-agenda", args=[obj.convening_id])
    if flag.object_type == "briefings.briefingfile":
        return reverse("briefings:staff-detail", args=[obj.briefing_id])
    if flag.object_type == "outcomes.outcomeevidence":
        return reverse("outcomes:staff-edit", args=[obj.outcome_id])
    if flag.object_type == "convenings.sitevisit":
        return reverse("convenings:staff-site-visits", args=[obj.convening_id])
    return ""


def _field_label(model, name: str) -> str:
    if model is None:
        return name
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
    return label[:1].upper() + label[1:]


def open_flags() -> list[FlagRow]:
    """Open flags, newest first, with the object's kind, the reason and a link to fix it."""
    flags = list(
        ProtectionFlag.objects.filter(resolved_at=None).select_related("participant")[:500]
    )
    objects: dict = {}
    by_type: dict[str, set[str]] = defaultdict(set)
    for flag in flags:
        by_type[flag.object_type].add(flag.object_id)
    for label, ids in by_type.items():
        model = apps.get_model(label)
        query = model._default_manager.filter(pk__in=[int(i) for i in ids])
        if label == "engagement.actionupdate":
            query = query.select_related("action")
        for obj in query:
            objects[(label, str(obj.pk))] = obj
    rows = []
    for flag in flags:
        try:
            model = apps.get_model(flag.object_type)
        except LookupError:
            model = None
        kind = str(model._meta.verbose_name).capitalize() if model else flag.object_type
        rows.append(
            FlagRow(
                flag=flag,
                kind=kind,
                field=_field_label(model, flag.field),
                reason=str(FLAG_REASONS.get(flag.reason, flag.reason)),
                person=flag.participant.full_name if flag.participant else "",
                url=_flag_url(flag, objects),
            )
        )
    return rows
