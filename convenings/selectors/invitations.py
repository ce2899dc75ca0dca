"""Invitees for staff: who was invited, withdrawn, not replied or told of a change, who may
still be invited, and how balanced the list is."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.conf import settings
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.translation import localized
from participants.models import ExpertiseLevel, Participant, Sector

from ..models import (
    Convening,
    ConveningNotice,
    ConveningStatus,
    Invitation,
    InvitationStatus,
)


def invitations_for_staff(*, convening: Convening) -> QuerySet[Invitation]:
    """Every invitee, hidden and pseudonymous people included (staff see everyone)."""
    return Invitation.objects.filter(convening=convening).select_related(
        "participant", "participant__country", "participant__organisation"
    )


def withdrawn_invitations(*, convening: Convening) -> QuerySet[Invitation]:
    """Withdrawn invitations, for the staff list (they count nowhere else)."""
    return (
        Invitation.all_objects.withdrawn()
        .filter(convening=convening)
        .select_related("participant", "withdrawn_by")
        .order_by("-withdrawn_at", "pk")
    )


def not_replied(*, convening: Convening | None = None) -> QuerySet[Invitation]:
    """Invitees still to reply (for one convening, or all upcoming ones)."""
    qs = Invitation.objects.filter(status=InvitationStatus.INVITED).select_related(
        "participant", "participant__country", "convening"
    )
    if convening is not None:
        return qs.filter(convening=convening)
    return (
        qs.filter(convening__end_date__gte=timezone.localdate())
        .exclude(convening__status=ConveningStatus.CANCELLED)
        .order_by("convening__start_date", "participant__full_name")
    )


def directory_candidates(*, convening: Convening) -> QuerySet[Participant]:
    """Active people in the directory, each marked `already_invited`.

    Searched and filtered by `participants.filters.DirectoryFilter`, as the directory is.
    """
    return (
        Participant.objects.active()
        .select_related("country", "organisation")
        .annotate(
            already_invited=Exists(
                Invitation.objects.filter(convening=convening, participant=OuterRef("pk"))
            )
        )
        .order_by("full_name", "pk")
    )


@dataclasses.dataclass(frozen=True)
class Share:
    """One value of a dimension (a country, a sector...): how many, and their share in %."""

    key: str
    label: str
    count: int
    share: int


@dataclasses.dataclass(frozen=True)
class Balance:
    """How balanced an invitation list is, per dimension (see `invitation_balance`)."""

    total: int  # people counted
    selected: int  # of them, ticked but not invited yet
    country: list[Share]
    sector: list[Share]
    expertise: list[Share]
    lived: list[Share]


def _shares(counter: dict, labels: dict, total: int) -> list[Share]:
    rows = []
    for key, label in labels.items():
        count = counter.get(key, 0)
        rows.append(
            Share(
                key=key,
                label=label,
                count=count,
                share=round(100 * count / total) if total else 0,
            )
        )
    return rows


def _translated_country_name():
    """The related country's name in the active language, English when not translated
    (the directory's Participant queryset does not rewrite related translated fields)."""
    language = get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    names = [F(f"country__{localized('name', code)}") for code in (language, "en")]
    return Coalesce(
        *(NullIf(name, Value("")) for name in names), F("country__name"), output_field=CharField()
    )


def invitation_balance(
    *, convening: Convening, extra_participant_ids: Iterable[int] = ()
) -> Balance:
    """How balanced the invitation list is (current invitees plus a selection not yet
    invited): counts and shares by country, sector, expertise level and lived experience.

    One query: the people are few (a convening invites tens), so grouping happens here.
    """
    extra = {int(pk) for pk in extra_participant_ids}
    rows = list(
        Participant.objects.filter(
            Q(invitations__convening=convening, invitations__withdrawn_at__isnull=True)
            | Q(pk__in=extra)
        )
        .distinct()
        .annotate(country_label=_translated_country_name())
        .values(
            "pk", "country__code", "country_label", "sector", "expertise_level", "lived_experience"
        )
    )
    total = len(rows)
    countries: dict[str, str] = {}
    by = {"country": {}, "sector": {}, "expertise": {}, "lived": {}}
    for row in rows:
        countries[row["country__code"]] = row["country_label"]
        for dimension, key in (
            ("country", row["country__code"]),
            ("sector", row["sector"]),
            ("expertise", row["expertise_level"]),
            ("lived", "yes" if row["lived_experience"] else "no"),
        ):
            by[dimension][key] = by[dimension].get(key, 0) + 1
    lived_labels = {"yes": _("With lived experience"), "no": _("Without lived experience")}
    return Balance(
        total=total,
        selected=len(extra),
        country=_shares(by["country"], dict(sorted(countries.items(), key=lambda i: i[1])), total),
        sector=_shares(by["sector"], dict(Sector.choices), total),
        expertise=_shares(by["expertise"], dict(ExpertiseLevel.choices), total),
        lived=_shares(by["lived"], lived_labels, total),
    )


def notices_sent(*, convening: Convening) -> list[ConveningNotice]:
    """Who was told about new dates or a cancellation, newest change first."""
    return list(
        ConveningNotice.objects.filter(convening=convening)
        .select_related("invitation__participant")
        .order_by("-sequence", "invitation__participant__full_name", "pk")
    )
