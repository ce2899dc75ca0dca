"""Briefing packs: build one for a convening and send it (once per send key), again or after failures."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import record
from accounts.models import User
from common.deliveries import requeue_failed
from convenings.models import Convening

from ..models import (
    Briefing,
    BriefingPack,
    PackDelivery,
)
from ..selectors import briefings_for_pack, pack_recipients
from .delivery import _queue

# --- Packs -----------------------------------------------------------------------------


@transaction.atomic
def create_pack(
    *,
    convening: Convening,
    briefings: Iterable[Briefing],
    by: User,
    send_key: uuid.UUID | None = None,
) -> BriefingPack:
    chosen = list(briefings)
    allowed = set(briefings_for_pack(convening=convening).values_list("pk", flat=True))
    if not chosen:
        raise ValidationError("Choose at least one briefing.")
    if any(b.pk not in allowed for b in chosen):
        raise ValidationError("A chosen briefing is not published for this convening.")
    pack = BriefingPack.objects.create(convening=convening, created_by=by, send_key=send_key)
    pack.briefings.set(chosen)
    record(
        actor=by,
        action="briefing_pack.created",
        obj=pack,
        changes={"briefings": [None, [b.pk for b in chosen]]},
    )
    return pack


@dataclasses.dataclass(frozen=True)
class PackSend:
    """What one POST of "Send the pack" did."""

    pack: BriefingPack
    added: int  # deliveries this POST created
    repeated: bool  # the key was used before: this POST built and sent nothing
    # An earlier pack of the convening has exactly these briefings (another tab, another
    # person): nothing was built or sent unless staff said "send again".
    same_briefings: bool = False


def identical_pack(*, convening: Convening, briefings: Iterable[Briefing]) -> BriefingPack | None:
    """The newest pack of `convening` made of exactly `briefings`, if any: everyone it
    reached has these briefings, and anyone invited since gets them by "Send to newly
    invited", so a new pack like it would only send them twice."""
    chosen = {b.pk for b in briefings}
    for pack in (
        BriefingPack.objects.filter(convening=convening)
        .prefetch_related("briefings")
        .order_by("-created_at", "-pk")
    ):
        if {b.pk for b in pack.briefings.all()} == chosen:
            return pack
    return None


@transaction.atomic
def send_new_pack(
    *,
    convening: Convening,
    briefings: Iterable[Briefing],
    by: User,
    send_key: uuid.UUID,
    again: bool = False,
) -> PackSend:
    """Build a pack and send it, once per `send_key` (see common/sends.py).

    A second call with the same key, one after the other or at the same moment, builds
    nothing and returns the first call's pack: the pack row carries the key under a unique
    constraint, so of two concurrent inserts PostgreSQL makes the second wait for the
    first and then refuses it, and SQLite (IMMEDIATE transactions) runs them in turn.
    A call with a new key (two tabs, each page with its own key) but the briefings of an
    earlier pack of the convening builds nothing either, unless `again`: the convening's
    row is locked first, so two such calls at the same moment run one after the other.
    """
    chosen = list(briefings)
    existing = BriefingPack.objects.filter(send_key=send_key).first()
    if existing is None and not again:
        Convening.objects.select_for_update().filter(pk=convening.pk).first()
        twin = identical_pack(convening=convening, briefings=chosen)
        if twin is not None:
            return PackSend(pack=twin, added=0, repeated=True, same_briefings=True)
    briefings = chosen
    if existing is None:
        try:
            with transaction.atomic():
                pack = create_pack(
                    convening=convening, briefings=briefings, by=by, send_key=send_key
                )
        except IntegrityError:
            # Another request with this key committed between the check and the insert.
            existing = BriefingPack.objects.filter(send_key=send_key).first()
            if existing is None:
                raise
    if existing is not None:
        return PackSend(pack=existing, added=0, repeated=True)
    return PackSend(pack=pack, added=send_briefing_pack(pack=pack, by=by), repeated=False)


@transaction.atomic
def send_briefing_pack(*, pack: BriefingPack, by: User | None = None) -> int:
    """One delivery per recipient not yet in this pack; returns how many were added.

    Sending again adds only people invited (or who re-accepted) since; nobody gets a second
    delivery of the same pack.
    """
    # Serialise two staff pressing send at the same moment.
    pack = BriefingPack.objects.select_for_update().get(pk=pack.pk)
    already = PackDelivery.objects.filter(pack=pack).values("participant_id")
    new = [
        PackDelivery(pack=pack, participant=p, language=p.preferred_language or "en")
        for p in pack_recipients(convening=pack.convening).exclude(pk__in=already).order_by("pk")
    ]
    PackDelivery.objects.bulk_create(new)
    created = list(
        PackDelivery.objects.filter(
            pack=pack, participant_id__in=[d.participant_id for d in new]
        ).values_list("pk", flat=True)
    )
    pack.last_sent_at = timezone.now()
    pack.save(update_fields=["last_sent_at"])
    record(
        actor=by,
        action="briefing_pack.sent",
        obj=pack,
        changes={"new_deliveries": [0, len(created)]},
    )
    _queue(created)
    return len(created)


@transaction.atomic
def retry_failed(*, pack: BriefingPack, by: User | None = None) -> int:
    """Queue the failed deliveries of this pack again; returns how many."""
    # In the language the person prefers now: they may have changed it since.
    ids = requeue_failed(PackDelivery.objects.filter(pack=pack))
    if ids:
        record(
            actor=by, action="briefing_pack.retried", obj=pack, changes={"retried": [0, len(ids)]}
        )
    _queue(ids)
    return len(ids)
