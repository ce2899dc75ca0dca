"""What sending a pack would put in people's inboxes, for the confirmation step.

Built by `mail.PackMail`, the composer the delivery task uses, on unsaved deliveries: the
same subject, text and attachments each language's recipients will get
(common/sends.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from common.sends import SendPreview, build_send_preview
from convenings.models import Convening
from participants.models import Participant

from .mail import PackMail
from .models import Briefing, BriefingPack, PackDelivery
from .selectors import pack_recipients


class _ChosenBriefings(PackMail):
    """PackMail for a pack not built yet: its briefings are the ones ticked."""

    def __init__(self, briefings: list[Briefing]) -> None:
        super().__init__()
        self._chosen = briefings

    def _published_briefings(self, pack: BriefingPack) -> list[Briefing]:
        return self._chosen


def _preview(pack: BriefingPack, composer: PackMail, people: Iterable[Participant]) -> SendPreview:
    return build_send_preview(
        recipients=list(people),
        participant_of=lambda p: p,
        language_of=lambda p: p.preferred_language,
        compose=lambda p, language: composer.message(
            delivery=PackDelivery(pack=pack, participant=p, language=language)
        ),
    )


def new_pack_preview(*, convening: Convening, briefings: Iterable[Briefing]) -> SendPreview:
    """A new pack of these briefings, to everyone it would go to."""
    chosen = [
        b
        for b in Briefing.objects.filter(pk__in=[b.pk for b in briefings])
        .select_related("convening")
        .prefetch_related("files")
        .order_by("pk")
        if b.is_published
    ]
    return _preview(
        BriefingPack(convening=convening),
        _ChosenBriefings(chosen),
        pack_recipients(convening=convening).select_related("country").order_by("pk"),
    )


def resend_preview(*, pack: BriefingPack) -> SendPreview:
    """Sending an existing pack again: only the people who do not have it yet."""
    already = PackDelivery.objects.filter(pack=pack).values("participant_id")
    people = pack_recipients(convening=pack.convening).exclude(pk__in=already).order_by("pk")
    return _preview(pack, PackMail(), people)
