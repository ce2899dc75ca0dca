"""Each participant's activity between meetings, who has gone quiet, and totals by country.

Each app counts its own rows: invitations and attendance are read from the convenings
app's model through explicit imports, briefing downloads come from
`briefings.selectors.download_activity_annotations` (its `downloads` and `last_download`
annotations, read by name below, not guessed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from briefings.selectors import download_activity_annotations
from convenings.models import Invitation, InvitationStatus
from participants import protection
from participants.models import Country, Participant

from ..models import (
    OPEN_ACTION_STATUSES,
    ActionStatus,
    ActionUpdate,
    FeedbackReceipt,
    FollowUpAction,
)
from .counts import count_of


@dataclass
class EngagementRow:
    participant: Participant
    downloads: int
    actions_done: int
    actions_open: int
    feedback_given: int
    last_activity: dt.date | None
    quiet: bool


@dataclass
class CountryEngagement:
    """The engagement of one country's participants; `suppressed` when too few to show."""

    country: Country
    participants: int = 0
    downloads: int = 0
    actions_done: int = 0
    feedback_given: int = 0
    quiet: int = 0
    last_activity: dt.date | None = None
    suppressed: bool = False


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def engagement_rows(*, today: dt.date | None = None) -> list[EngagementRow]:
    """Per active participant: downloads, actions, feedback, last activity, quiet or not.

    Activity is: replying to an invitation, attending a convening, posting progress on an
    action, downloading a briefing. (Giving feedback is counted but carries no date, see
    FeedbackReceipt.) Someone is quiet with no activity in QUIET_PARTICIPANT_DAYS, unless
    they joined the directory more recently than that. One query whatever the number.
    """
    today = today or timezone.localdate()
    qs = (
        Participant.objects.active()
        .select_related("country")
        .annotate(
            actions_done=count_of(FollowUpAction, "owner", status=ActionStatus.DONE),
            actions_open=count_of(FollowUpAction, "owner", status__in=OPEN_ACTION_STATUSES),
            feedback_given=count_of(FeedbackReceipt, "participant"),
            last_update=Subquery(
                ActionUpdate.objects.filter(author=OuterRef("user"))
                .order_by("-created_at")
                .values("created_at")[:1]
            ),
            last_attended=Subquery(
                Invitation.objects.filter(
                    participant=OuterRef("pk"),
                    status=InvitationStatus.ATTENDED,
                    convening__end_date__lte=today,
                )
                .order_by("-convening__end_date")
                .values("convening__end_date")[:1]
            ),
            last_reply=Subquery(
                Invitation.objects.filter(participant=OuterRef("pk"), replied_at__isnull=False)
                .order_by("-replied_at")
                .values("replied_at")[:1]
            ),
            # `downloads` and `last_download`: the briefings app's to count.
            **download_activity_annotations(),
        )
        .order_by("full_name")
    )
    quiet_before = today - dt.timedelta(days=settings.QUIET_PARTICIPANT_DAYS)
    rows = []
    for p in qs:
        dates = [
            _as_date(value)
            for value in (p.last_update, p.last_attended, p.last_reply, p.last_download)
        ]
        dates = [d for d in dates if d is not None]
        last = max(dates) if dates else None
        joined = p.joined_on or _as_date(p.created_at)
        quiet = (last is None or last < quiet_before) and (joined is None or joined < quiet_before)
        rows.append(
            EngagementRow(
                participant=p,
                downloads=p.downloads,
                actions_done=p.actions_done,
                actions_open=p.actions_open,
                feedback_given=p.feedback_given,
                last_activity=last,
                quiet=quiet,
            )
        )
    return rows


def engagement_by_country(rows: list[EngagementRow]) -> list[CountryEngagement]:
    totals: dict[int, CountryEngagement] = {}
    for row in rows:
        country = row.participant.country
        t = totals.setdefault(country.pk, CountryEngagement(country=country))
        t.participants += 1
        t.downloads += row.downloads
        t.actions_done += row.actions_done
        t.feedback_given += row.feedback_given
        t.quiet += int(row.quiet)
        if row.last_activity and (t.last_activity is None or row.last_activity > t.last_activity):
            t.last_activity = row.last_activity
    # A country with fewer participants than the threshold shows no figures: they would
    # describe one or two people (see participants.protection.is_small).
    for t in totals.values():
        t.suppressed = protection.is_small(t.participants)
    return sorted(totals.values(), key=lambda t: t.country.name)


def quiet_participants(*, today: dt.date | None = None) -> list[EngagementRow]:
    return [row for row in engagement_rows(today=today) if row.quiet]
