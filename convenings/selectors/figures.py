"""Figures for a report period: who took part and what was held."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from common.figures import PeriodFigure
from participants.models import Participant

from ..models import (
    Convening,
    ConveningStatus,
    Invitation,
    InvitationStatus,
    SiteVisit,
)

# --- Figures for a period (reports) -----------------------------------------------------

TOOK_PART = (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED)


def held_between(*, start: dt.date, end: dt.date) -> QuerySet[Convening]:
    """Convenings held in the period: not cancelled, and starting on a day in it."""
    return Convening.objects.filter(start_date__range=(start, end)).exclude(
        status=ConveningStatus.CANCELLED
    )


def took_part_between(*, start: dt.date, end: dt.date) -> Q:
    """A Q on Participant: accepted or attended a convening held in the period.

    One Q, so all three conditions hold for the same invitation (a negated Q across the
    relation would drop anyone ever invited to a cancelled convening)."""
    return Q(
        invitations__convening__start_date__range=(start, end),
        invitations__status__in=TOOK_PART,
        invitations__withdrawn_at__isnull=True,
        invitations__convening__status__in=[
            s for s in ConveningStatus.values if s != ConveningStatus.CANCELLED
        ],
    )


def figures_for_period(*, start: dt.date, end: dt.date) -> list:
    """Who took part and what was held, for convenings whose start date is in the period.

    The convening's start date decides the period; cancelled convenings never count.
    - Participants engaged: distinct people who accepted or attended at least one of them.
    - Countries engaged: the countries those people come from.
    - Convenings held: the convenings themselves.
    - Site visits: the site visits recorded for them.
    - Participant places: accepted or attended invitations to them (one person at two
      convenings is two places).
    """
    held = held_between(start=start, end=end)
    people = Participant.objects.filter(took_part_between(start=start, end=end))
    engaged = people.aggregate(
        n=Count("pk", distinct=True), countries=Count("country", distinct=True)
    )
    convenings = held.aggregate(n=Count("pk", distinct=True))["n"]
    visits = SiteVisit.objects.filter(convening__in=held).count()
    places = Invitation.objects.filter(convening__in=held, status__in=TOOK_PART).count()
    where = _("The convening's start date decides the period; cancelled convenings are left out.")
    return [
        PeriodFigure(
            key="participants",
            label=str(_("Participants engaged in convenings")),
            value=engaged["n"],
            definition=str(
                _(
                    "People who accepted or attended at least one convening held in the period. %(where)s"
                )
                % {"where": where}
            ),
        ),
        PeriodFigure(
            key="countries",
            label=str(_("Countries engaged")),
            value=engaged["countries"],
            definition=str(_("The countries the participants engaged come from.")),
        ),
        PeriodFigure(
            key="convenings",
            label=str(_("Convenings held")),
            value=convenings,
            definition=str(
                _("Convenings that started in the period. %(where)s") % {"where": where}
            ),
        ),
        PeriodFigure(
            key="site_visits",
            label=str(_("Site visits")),
            value=visits,
            definition=str(_("Site visits recorded for the convenings held in the period.")),
        ),
        PeriodFigure(
            key="places",
            label=str(_("Participant places at convenings")),
            value=places,
            definition=str(
                _(
                    "Accepted or attended invitations to the convenings held in the period: "
                    "one person at two convenings fills two places."
                )
            ),
        ),
    ]
