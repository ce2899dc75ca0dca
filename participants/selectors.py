"""Reads about participants: the staff directory, filters for picking invitees, history.

The visibility rules for what participants may see of each other live here and in
`convenings.selectors`; the directory below is for staff, who see everyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from common.figures import PeriodFigure

from .models import Country, Participant, Sector, Visibility

# Who took part in a convening in a period, as a Q on Participant (`took_part_between(
# start=, end=)`). Convenings owns that rule and registers it from ConveningsConfig.ready:
# participants imports nothing from convenings, which builds on it.
_REGISTERED: dict[str, Callable[..., Q]] = {}


def register_took_part(rule: Callable[..., Q]) -> None:
    _REGISTERED["took_part_between"] = rule


_ANONYMOUS = {
    Sector.GOVERNMENT: "a government official from %(country)s",
    Sector.CIVIL_SOCIETY: "a civil society leader from %(country)s",
    Sector.ACADEMIA: "an academic from %(country)s",
    Sector.INTERNATIONAL: "an international organisation representative in %(country)s",
    Sector.LIVED_EXPERIENCE: "a person with lived experience from %(country)s",
}


def describe_anonymously(*, sector: str, country: Country | None) -> str:
    """A description naming nobody, in the active language."""
    country_name = country.name if country is not None else _("the region")
    # The literal strings are marked below so makemessages finds them.
    template = _ANONYMOUS.get(sector, "a participant from %(country)s")
    return _(template) % {"country": country_name}


# Marked for translation (makemessages reads these calls; they are never run).
if False:  # pragma: no cover
    _("a government official from %(country)s")
    _("a civil society leader from %(country)s")
    _("an academic from %(country)s")
    _("an international organisation representative in %(country)s")
    _("a person with lived experience from %(country)s")
    _("a participant from %(country)s")


def staff_directory() -> QuerySet[Participant]:
    """Everyone (hidden people too: staff see all), with what a row shows joined in.

    Searched and filtered by `participants.filters.DirectoryFilter`.
    """
    return Participant.objects.select_related("country", "organisation", "user").order_by(
        "full_name", "pk"
    )


@dataclass(frozen=True)
class DirectoryCounts:
    total: int
    active: int
    lived_experience: int
    pseudonymous: int
    hidden: int
    with_account: int


def directory_counts(queryset: QuerySet[Participant]) -> DirectoryCounts:
    """Headline figures for a (filtered) directory, in one query."""
    row = queryset.order_by().aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(is_active=True)),
        lived_experience=Count("pk", filter=Q(lived_experience=True)),
        pseudonymous=Count("pk", filter=Q(visibility=Visibility.PSEUDONYMOUS)),
        hidden=Count("pk", filter=Q(visibility=Visibility.HIDDEN)),
        with_account=Count("pk", filter=Q(user__isnull=False)),
    )
    return DirectoryCounts(**row)


def participant_for_staff(*, participant_id: int) -> Participant | None:
    return (
        Participant.objects.select_related("country", "organisation", "organisation__country")
        .select_related("user")
        .filter(pk=participant_id)
        .first()
    )


def participant_history(*, participant: Participant) -> QuerySet:
    """Their invitations (convenings.Invitation), newest convening first, with the convening
    and its host country. Through the reverse relation: participants imports no convenings."""
    return (
        participant.invitations.all()
        .select_related("convening", "convening__host_country")
        .order_by("-convening__start_date", "-pk")
    )


def member_countries() -> QuerySet[Country]:
    return Country.objects.filter(is_member=True)


def figures_for_period(*, start: dt.date, end: dt.date) -> list[PeriodFigure]:
    """The network at the end of the period, and the member countries.

    - People in the network: everyone whose "joined on" date, or, when none was recorded,
      the day their record was created, is on or before the period's last day, and
      everyone who took part in a convening by then (a joining date recorded later than
      someone's first convening must not make the network smaller than the people who
      took part). Hidden and pseudonymous people count; nobody is named.
    - Member countries: the countries that are members of the platform (membership has no
      date, so this is the list when the report is generated).
    """
    took_part_between = _REGISTERED["took_part_between"]  # from ConveningsConfig.ready
    network = (
        Participant.objects.filter(
            Q(joined_on__lte=end)
            | Q(joined_on__isnull=True, created_at__date__lte=end)
            | took_part_between(start=dt.date.min, end=end)
        )
        .distinct()
        .count()
    )
    members = Country.objects.filter(is_member=True).count()
    return [
        PeriodFigure(
            key="network",
            label=_("People in the network at the end of the period"),
            value=network,
            definition=_(
                "Everyone whose joining date (or, when none was recorded, the day their "
                "record was created) is on or before the last day of the period, and everyone "
                "who took part in a convening by then."
            ),
        ),
        PeriodFigure(
            key="member_countries",
            label=_("Member countries"),
            value=members,
            definition=_(
                "The countries that are members of the platform when the report is generated."
            ),
        ),
    ]
