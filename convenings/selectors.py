"""Reads about convenings, scoped to what the asking person may see."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.translation import localized
from participants.models import ExpertiseLevel, Participant, Sector, Visibility
from participants.protection import withheld

from .models import (
    AgendaSession,
    Convening,
    ConveningNotice,
    ConveningStatus,
    Invitation,
    InvitationStatus,
    SiteVisit,
)


def convenings_for_participant(*, participant: Participant) -> QuerySet[Convening]:
    """Convenings this participant is invited to (any reply)."""
    return Convening.objects.filter(
        invitations__participant=participant, invitations__withdrawn_at__isnull=True
    ).select_related("host_country")


def attendees_visible_to_participant(*, convening: Convening) -> QuerySet[Invitation]:
    """The attendee list a participant of this convening may see.

    Hidden people never appear; callers show pseudonymous people by display name only
    (no organisation, position or country), see `public_attendee_row`.
    """
    return (
        Invitation.objects.filter(convening=convening, status__in=["accepted", "attended"])
        .exclude(participant__visibility=Visibility.HIDDEN)
        .filter(participant__is_active=True)
        .select_related("participant", "participant__organisation", "participant__country")
        .order_by("participant__display_name")
    )


def public_attendee_row(participant: Participant) -> dict:
    """What another participant may know about this (non-hidden) person."""
    if participant.visibility == Visibility.NAMED:
        return {
            "name": participant.display_name or participant.full_name,
            "organisation": participant.organisation.name if participant.organisation else "",
            "position": participant.position,
            "country": participant.country.name if participant.country_id else "",
        }
    return {"name": participant.display_name, "organisation": "", "position": "", "country": ""}


# --- Staff reads ---------------------------------------------------------------------------

# Withdrawn invitations count nowhere (convenings/withdrawal.py).
_CURRENT = Q(invitations__withdrawn_at__isnull=True)
REPLY_COUNTS = {
    "invited_count": Count("invitations", filter=_CURRENT, distinct=True),
    "accepted_count": Count(
        "invitations",
        filter=_CURRENT
        & Q(invitations__status__in=[InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED]),
        distinct=True,
    ),
    "declined_count": Count(
        "invitations",
        filter=_CURRENT & Q(invitations__status=InvitationStatus.DECLINED),
        distinct=True,
    ),
    "no_reply_count": Count(
        "invitations",
        filter=_CURRENT & Q(invitations__status=InvitationStatus.INVITED),
        distinct=True,
    ),
    "attended_count": Count(
        "invitations",
        filter=_CURRENT & Q(invitations__status=InvitationStatus.ATTENDED),
        distinct=True,
    ),
}
# "Said yes": accepted before the event, attended after it.
YES = (InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED)


def convenings_with_counts() -> QuerySet[Convening]:
    """Convenings with invited / accepted / declined / no-reply counts, in one query."""
    return Convening.objects.select_related("host_country").annotate(**REPLY_COUNTS)


def upcoming_convenings(*, today: dt.date | None = None) -> QuerySet[Convening]:
    today = today or timezone.localdate()
    return (
        convenings_with_counts()
        .filter(end_date__gte=today)
        .exclude(status=ConveningStatus.CANCELLED)
        .order_by("start_date", "pk")
    )


def past_convenings(*, today: dt.date | None = None) -> QuerySet[Convening]:
    today = today or timezone.localdate()
    return (
        convenings_with_counts()
        .filter(Q(end_date__lt=today) | Q(status=ConveningStatus.CANCELLED))
        .order_by("-start_date", "-pk")
    )


def convening_with_counts_or_404(*, convening_id: int) -> Convening:
    convening = convenings_with_counts().filter(pk=convening_id).first()
    if convening is None:
        raise Http404
    return convening


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


def _shares(counter: dict, labels: dict, total: int) -> list[dict]:
    rows = []
    for key, label in labels.items():
        count = counter.get(key, 0)
        rows.append(
            {
                "key": key,
                "label": label,
                "count": count,
                "share": round(100 * count / total) if total else 0,
            }
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


def invitation_balance(*, convening: Convening, extra_participant_ids: Iterable[int] = ()) -> dict:
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
    return {
        "total": total,
        "selected": len(extra),
        "country": _shares(
            by["country"], dict(sorted(countries.items(), key=lambda i: i[1])), total
        ),
        "sector": _shares(by["sector"], dict(Sector.choices), total),
        "expertise": _shares(by["expertise"], dict(ExpertiseLevel.choices), total),
        "lived": _shares(by["lived"], lived_labels, total),
    }


def replies_and_needs(*, convening: Convening, invitations: list[Invitation] | None = None) -> dict:
    """What the people coming need: interpretation seats per language, access and dietary
    needs, travel support. Counts those who said yes (accepted, or attended afterwards).

    One query: the yes-sayers who need anything, with their participant. A page that has
    already read every invitation of the convening with its participant (the replies list)
    passes them as `invitations`, and nothing more is read."""
    if invitations is None:
        invitations = list(
            Invitation.objects.filter(convening=convening, status__in=YES)
            .filter(
                ~Q(interpretation_language="")
                | ~Q(access_needs="")
                | ~Q(dietary_needs="")
                | Q(travel_support=True)
            )
            .select_related("participant")
        )
    yes = sorted(
        (i for i in invitations if i.status in YES),
        key=lambda i: (i.participant.full_name.casefold(), i.pk),
    )
    seats = Counter(i.interpretation_language for i in yes if i.interpretation_language)
    names = dict(settings.LANGUAGES)
    interpretation = [
        {"code": code, "language": names.get(code, code), "seats": seats.get(code, 0)}
        for code in sorted(set(convening.interpretation_languages) | set(seats))
    ]
    travel = [i for i in yes if i.travel_support]
    return {
        "interpretation": interpretation,
        "seats_total": sum(seats.values()),
        "needs": [i for i in yes if i.access_needs or i.dietary_needs],
        "travel_support": len(travel),
        "travel_support_people": travel,
    }


def interpretation_headcount(*, convening: Convening) -> dict[str, int]:
    """{language code: seats} among those who said yes."""
    return {
        row["code"]: row["seats"]
        for row in replies_and_needs(convening=convening)["interpretation"]
    }


def cost_summary(*, convening: Convening, today: dt.date | None = None) -> dict:
    """Cost per convening and per attendee. Attendees: those marked attended once the
    convening has started, or those who accepted while it is still ahead."""
    today = today or timezone.localdate()
    started = convening.start_date <= today
    if hasattr(convening, "attended_count"):  # read with convenings_with_counts()
        counts = {"attended": convening.attended_count, "accepted": convening.accepted_count}
    else:
        counts = Invitation.objects.filter(convening=convening).aggregate(
            attended=Count("pk", filter=Q(status=InvitationStatus.ATTENDED)),
            accepted=Count("pk", filter=Q(status__in=YES)),
        )
    attendees = counts["attended"] if started else counts["accepted"]
    total = convening.total_cost
    return {
        "currency": convening.currency,
        "lines": [
            (_("Travel"), convening.cost_travel),
            (_("Venue"), convening.cost_venue),
            (_("Interpretation"), convening.cost_interpretation),
            (_("Other"), convening.cost_other),
        ],
        "total": total,
        "attendees": attendees,
        "attendees_basis": "attended" if started else "accepted",
        "per_attendee": (total / attendees).quantize(Decimal("0.01")) if attendees else None,
    }


def agenda_by_day(
    *, convening: Convening, for_participants: bool = False
) -> list[tuple[dt.date, list[AgendaSession]]]:
    """The sessions grouped by day in the venue's zone, in order; days without sessions
    are left out. Each session is marked `outside` when its day is not one of the
    convening's days (left behind by a change of dates: a problem for staff to fix).

    `for_participants`: without the sessions withheld because they now identify someone
    (see participants.protection_services)."""
    zone = convening.zone
    days: dict[dt.date, list[AgendaSession]] = {}
    sessions = convening.sessions.select_related("site_visit")
    if for_participants:
        sessions = sessions.exclude(pk__in=withheld("convenings.agendasession"))
    for session in sessions.order_by("starts_at", "position", "pk"):
        day = session.starts_at.astimezone(zone).date()
        session.outside = not (convening.start_date <= day <= convening.end_date)
        days.setdefault(day, []).append(session)
    return sorted(days.items())


def outside_the_dates(*, convening: Convening) -> dict:
    """Sessions and site visits whose day is not one of the convening's days."""
    zone = convening.zone
    sessions = [
        s
        for s in convening.sessions.order_by("starts_at", "pk")
        if not (convening.start_date <= s.starts_at.astimezone(zone).date() <= convening.end_date)
    ]
    visits = list(
        convening.site_visits.exclude(
            date__gte=convening.start_date, date__lte=convening.end_date
        ).order_by("date", "pk")
    )
    return {"sessions": sessions, "visits": visits, "total": len(sessions) + len(visits)}


def notices_sent(*, convening: Convening) -> list[ConveningNotice]:
    """Who was told about new dates or a cancellation, newest change first."""
    return list(
        ConveningNotice.objects.filter(convening=convening)
        .select_related("invitation__participant")
        .order_by("-sequence", "invitation__participant__full_name", "pk")
    )


def venue_dates_label(convening: Convening) -> str:
    """The convening's days as its venue's calendar has them, with the zone named:
    "12 Jan 2027 - 13 Jan 2027 (Pacific/Auckland)", in the active language. For reports
    and exports: `start_date`/`end_date` are venue dates, never converted to the reader's
    zone; session times come from `agenda_by_day` (venue zone)."""
    from django.utils.formats import date_format

    start = date_format(convening.start_date, "DATE_FORMAT")
    days = (
        start
        if convening.end_date == convening.start_date
        else f"{start} - {date_format(convening.end_date, 'DATE_FORMAT')}"
    )
    return f"{days} ({convening.time_zone})"


def site_visits(*, convening: Convening, for_participants: bool = False) -> QuerySet[SiteVisit]:
    visits = convening.site_visits.select_related("host_organisation", "session")
    if for_participants:
        visits = visits.exclude(pk__in=withheld("convenings.sitevisit"))
    return visits.order_by("date", "pk")


# --- Participant reads -----------------------------------------------------------------


def invitations_of_participant(*, participant: Participant) -> tuple[list, list]:
    """(upcoming, past) invitations of this person, each with its convening, one query."""
    today = timezone.localdate()
    invitations = list(
        Invitation.objects.filter(participant=participant)
        .select_related("convening", "convening__host_country")
        .order_by("convening__start_date", "convening__pk")
    )
    upcoming = [i for i in invitations if i.convening.end_date >= today]
    past = [i for i in invitations if i.convening.end_date < today][::-1]
    return upcoming, past


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
    from platform_site.figures import PeriodFigure

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
