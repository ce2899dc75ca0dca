"""Reads about briefings, scoped to what the asking person may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from common.figures import PeriodFigure
from convenings.models import Convening, InvitationStatus
from convenings.selectors import convenings_for_participant
from participants.models import Participant
from participants.protection import withheld

from .models import (
    TRANSLATED_FIELDS,
    Briefing,
    BriefingDownload,
    BriefingFile,
    BriefingPack,
    BriefingStatus,
    DeliveryStatus,
    PackDelivery,
)

# Invitations whose people get the pack: accepted, or not replied yet.
PACK_RECIPIENT_STATUSES = (InvitationStatus.ACCEPTED, InvitationStatus.INVITED)


def content_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def briefings_for_participant(*, participant: Participant) -> QuerySet[Briefing]:
    """Published briefings of my convenings plus the platform-wide ones, with their files."""
    mine = convenings_for_participant(participant=participant).values("pk")
    return (
        Briefing.objects.filter(status=BriefingStatus.PUBLISHED)
        .filter(Q(convening__isnull=True) | Q(convening__in=mine))
        # Withheld while it names someone who may not be named (participants.protection).
        .exclude(pk__in=withheld("briefings.briefing"))
        .select_related("convening")
        .prefetch_related(Prefetch("files", queryset=files_for_participants().order_by("language")))
        .order_by("-published_at", "-id")
    )


def files_for_participants() -> QuerySet[BriefingFile]:
    """Uploaded files participants may download: not one withheld because its contents
    name someone who may not be named (participants.protection_services.file_contents)."""
    return BriefingFile.objects.exclude(pk__in=withheld("briefings.briefingfile"))


def file_for_language(briefing: Briefing, language: str) -> tuple[BriefingFile | None, bool]:
    """The uploaded file in this language, else the English one; and whether it fell back.
    For participants: a withheld file is not offered.

    Uses the prefetched `files` when the caller loaded them (`briefings_for_participant`).
    """
    if "files" in getattr(briefing, "_prefetched_objects_cache", {}):
        stored = briefing.files.all()
    else:
        stored = files_for_participants().filter(briefing=briefing)
    files = {f.language: f for f in stored}
    if language in files:
        return files[language], False
    default = settings.LANGUAGE_CODE
    if default in files:
        return files[default], True
    return None, False


@dataclass(frozen=True)
class Completeness:
    language: str
    filled: int
    total: int
    has_file: bool

    @property
    def complete(self) -> bool:
        return self.filled == self.total

    @property
    def missing(self) -> bool:
        return self.filled == 0


def translation_completeness(briefing: Briefing) -> list[Completeness]:
    """Per language: how many of title/summary/body are written, and whether a file exists."""
    file_languages = {f.language for f in briefing.files.all()}
    rows = []
    for language in content_languages():
        filled = sum(1 for ok in briefing.completeness(language).values() if ok)
        rows.append(
            Completeness(
                language=language,
                filled=filled,
                total=len(TRANSLATED_FIELDS),
                has_file=language in file_languages,
            )
        )
    return rows


def briefings_for_staff() -> QuerySet[Briefing]:
    return (
        Briefing.objects.select_related("convening", "author")
        .prefetch_related("files")
        .order_by("-updated_at", "-id")
    )


def briefings_for_pack(*, convening: Convening) -> QuerySet[Briefing]:
    """What may go in this convening's pack: its own published briefings and platform-wide ones."""
    return (
        Briefing.objects.filter(status=BriefingStatus.PUBLISHED)
        .filter(Q(convening=convening) | Q(convening__isnull=True))
        .exclude(pk__in=withheld("briefings.briefing"))
        .select_related("convening")
        .order_by("convening_id", "-published_at", "-id")
    )


def pack_recipients(*, convening: Convening) -> QuerySet[Participant]:
    """Active participants invited to this convening who accepted or have not replied."""
    return Participant.objects.filter(
        is_active=True,
        invitations__convening=convening,
        invitations__status__in=PACK_RECIPIENT_STATUSES,
        invitations__withdrawn_at__isnull=True,
    ).distinct()


def packs_for_convening(*, convening: Convening) -> QuerySet[BriefingPack]:
    return (
        BriefingPack.objects.filter(convening=convening)
        .select_related("created_by")
        .prefetch_related("briefings")
        .annotate(
            n_queued=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]),
            ),
            n_sent=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
            n_failed=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
        )
    )


def delivery_counts(*, pack: BriefingPack) -> dict[str, int]:
    counts = dict.fromkeys(DeliveryStatus.values, 0)
    for row in pack.deliveries.values("status").annotate(n=Count("id")).order_by():
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts[s] for s in DeliveryStatus.values)
    counts["pending"] = counts[DeliveryStatus.QUEUED] + counts[DeliveryStatus.SENDING]
    return counts


def failed_deliveries(*, pack: BriefingPack) -> QuerySet[PackDelivery]:
    return (
        pack.deliveries.filter(status=DeliveryStatus.FAILED)
        .select_related("participant")
        .order_by("participant__full_name")
    )


def convenings_for_packs() -> QuerySet[Convening]:
    """Convenings a pack can be built for, latest first, with how many packs each has."""
    return Convening.objects.annotate(n_packs=Count("packs", distinct=True)).order_by("-start_date")


def figures_for_period(*, start: dt.date, end: dt.date) -> list[PeriodFigure]:
    """Briefing downloads on a day in the period.

    The download's own date decides the period, in the platform's time zone
    (settings.TIME_ZONE). Every download counts, by participants and staff, of an
    uploaded file or a rendered PDF, in any language; one person downloading twice is
    two downloads.
    """

    # Bounds in the platform's zone, not the zone a request may have activated, so a
    # report reads the same whoever renders it.
    zone = ZoneInfo(settings.TIME_ZONE)
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    downloads = BriefingDownload.objects.filter(at__gte=since, at__lt=until).count()
    return [
        PeriodFigure(
            key="downloads",
            label=_("Briefing downloads"),
            value=downloads,
            definition=_(
                "Downloads of briefings (uploaded files and rendered PDFs, in any language) "
                "made on a day in the period; each download counts."
            ),
        )
    ]


def download_activity_annotations() -> dict:
    """Annotations for a Participant queryset: `downloads` (how many briefing downloads the
    person made, ever) and `last_download` (when the latest was). The engagement figures
    use them; the download's participant decides whose it is."""

    mine = BriefingDownload.objects.filter(participant=OuterRef("pk")).order_by()
    return {
        "downloads": Coalesce(
            Subquery(
                mine.values("participant").annotate(c=Count("pk")).values("c"),
            ),
            0,
        ),
        "last_download": Subquery(mine.order_by("-at").values("at")[:1]),
    }


def oldest_unsent_delivery_at():
    """When the longest-waiting pack delivery was queued (queued or sending, not yet sent or
    failed), or None. Operations' health check warns when it waited too long."""

    return PackDelivery.objects.filter(
        status__in=(DeliveryStatus.QUEUED, DeliveryStatus.SENDING)
    ).aggregate(oldest=Min("queued_at"))["oldest"]


@dataclass(frozen=True)
class PacksWithBriefing:
    """The packs that include one briefing, for the "Back to draft" confirmation."""

    packs: list[BriefingPack]
    people: int  # who had it e-mailed, across those packs


def packs_with_briefing(*, briefing: Briefing) -> PacksWithBriefing:
    packs = list(
        BriefingPack.objects.filter(briefings=briefing)
        .select_related("convening")
        .annotate(n_sent=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)))
        .order_by("-created_at", "-id")
    )
    people = (
        PackDelivery.objects.filter(pack__briefings=briefing, status=DeliveryStatus.SENT)
        .values("participant_id")
        .distinct()
        .count()
    )
    return PacksWithBriefing(packs=packs, people=people)
