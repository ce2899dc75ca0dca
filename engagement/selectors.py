"""Reads between meetings, scoped to who asks: a participant's notes and actions, staff figures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from convenings.models import Convening, Invitation, InvitationStatus
from convenings.permissions import convening_for_participant_or_404
from participants import protection
from participants.models import Participant
from participants.protection import withheld

from .models import (
    OPEN_ACTION_STATUSES,
    ActionStatus,
    ActionUpdate,
    FeedbackReceipt,
    FeedbackResponse,
    FollowUpAction,
    FollowUpMessage,
    MeetingNote,
    MessageStatus,
    NotesStatus,
    SessionRating,
)

# --- Attendance -------------------------------------------------------------------------


def attendance_recorded(*, convening: Convening) -> bool:
    return Invitation.objects.filter(
        convening=convening, status__in=[InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW]
    ).exists()


def attendee_invitations(*, convening: Convening) -> models.QuerySet[Invitation]:
    """Who attended; while attendance is not recorded, who accepted."""
    recorded = Invitation.objects.filter(
        convening=OuterRef("convening"),
        status__in=[InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW],
    )
    return (
        Invitation.objects.filter(convening=convening)
        .annotate(_recorded=Exists(recorded))
        .filter(
            Q(status=InvitationStatus.ATTENDED)
            | Q(status=InvitationStatus.ACCEPTED, _recorded=False)
        )
    )


# --- The participant's view -------------------------------------------------------------

# Notes on an agenda session that was deleted are not shown to participants (the session
# they are about is gone from the agenda); staff still see them.
LIVE_SESSION = Q(session__isnull=True) | Q(session__deleted_at__isnull=True)


def published_notes_for(*, participant: Participant, convening_id: int):
    """The convening (404 unless invited) and its published notes."""
    convening = convening_for_participant_or_404(participant=participant, convening_id=convening_id)
    notes = (
        MeetingNote.objects.filter(LIVE_SESSION, convening=convening, status=NotesStatus.PUBLISHED)
        .select_related("session")
        .order_by("session__starts_at", "pk")
    )
    return convening, list(notes)


def convenings_with_published_notes(*, participant: Participant) -> models.QuerySet[Convening]:
    published = MeetingNote.objects.filter(
        LIVE_SESSION, convening=OuterRef("pk"), status=NotesStatus.PUBLISHED
    )
    return (
        Convening.objects.filter(
            invitations__participant=participant, invitations__withdrawn_at__isnull=True
        )
        .filter(Exists(published))
        .select_related("host_country")
        .order_by("-start_date")
    )


def actions_for_participant(*, participant: Participant) -> models.QuerySet[FollowUpAction]:
    """My actions: those I own, on convenings I am invited to, without any withheld
    because it now identifies someone (participants.protection_services)."""
    latest = (
        ActionUpdate.objects.filter(action=OuterRef("pk"))
        .exclude(pk__in=withheld("engagement.actionupdate"))
        .order_by("-created_at", "-pk")
    )
    return (
        FollowUpAction.objects.filter(
            owner=participant,
            convening__invitations__participant=participant,
            convening__invitations__withdrawn_at__isnull=True,
        )
        .exclude(pk__in=withheld("engagement.followupaction"))
        .select_related("convening", "country")
        .annotate(
            last_update_text=Subquery(latest.values("text")[:1]),
            last_update_at=Subquery(latest.values("created_at")[:1]),
        )
        .order_by(
            models.Case(models.When(status__in=OPEN_ACTION_STATUSES, then=0), default=1),
            models.F("due_date").asc(nulls_last=True),
            "pk",
        )
    )


def action_for_owner_or_404(*, participant: Participant, action_id: int) -> FollowUpAction:
    action = actions_for_participant(participant=participant).filter(pk=action_id).first()
    if action is None:
        raise Http404
    return action


def feedback_form_for_or_404(*, participant: Participant, convening_id: int):
    """The convening and its sessions if this participant attended it; 404 otherwise."""
    convening = convening_for_participant_or_404(participant=participant, convening_id=convening_id)
    if not attendee_invitations(convening=convening).filter(participant=participant).exists():
        raise Http404
    if convening.end_date > timezone.localdate():
        raise Http404
    given = FeedbackReceipt.objects.filter(convening=convening, participant=participant).exists()
    return convening, list(convening.sessions.order_by("starts_at", "position")), given


def feedback_due_for(*, participant: Participant) -> models.QuerySet[Convening]:
    """Past convenings I attended (see `attendee_invitations`) and have not given feedback on."""
    recorded = Invitation.objects.filter(
        convening=OuterRef("pk"),
        status__in=[InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW],
    )
    mine = Invitation.objects.filter(participant=participant, convening=OuterRef("pk"))
    receipts = FeedbackReceipt.objects.filter(participant=participant, convening=OuterRef("pk"))
    return (
        Convening.objects.filter(end_date__lte=timezone.localdate())
        .filter(
            Exists(mine.filter(status=InvitationStatus.ATTENDED))
            | (Exists(mine.filter(status=InvitationStatus.ACCEPTED)) & ~Exists(recorded))
        )
        .exclude(Exists(receipts))
        .order_by("-end_date")
    )


# --- Staff: one convening ----------------------------------------------------------------


def notes_for_convening(*, convening: Convening) -> list[MeetingNote]:
    return list(
        MeetingNote.objects.filter(convening=convening)
        .select_related("session", "published_by", "updated_by")
        .order_by("session__starts_at", "pk")
    )


def actions_for_convening(*, convening: Convening) -> models.QuerySet[FollowUpAction]:
    return (
        FollowUpAction.objects.filter(convening=convening)
        .select_related("owner", "country")
        .annotate(update_count=Count("updates"))
        .order_by(models.F("due_date").asc(nulls_last=True), "pk")
    )


def messages_for_convening(*, convening: Convening) -> models.QuerySet[FollowUpMessage]:
    return (
        FollowUpMessage.objects.filter(convening=convening)
        .select_related("participant", "action")
        .order_by("-created_at", "-pk")
    )


@dataclass
class FeedbackSummary:
    responses: int
    attendees: int
    sessions: list[dict]
    comments: list[dict] = field(default_factory=list)
    # Fewer answers than the threshold: ratings and comments are not shown, since with one
    # or two answers the people who attended can tell who wrote what.
    suppressed: bool = False
    threshold: int = 0


def feedback_summary(*, convening: Convening) -> FeedbackSummary:
    """Averages per session and the written answers, unless too few answered (see
    `participants.protection.is_small`); a session rated by too few shows no average.
    Written answers have protected names scrubbed (participants.protection)."""
    threshold = protection.small_number_threshold()
    responses = FeedbackResponse.objects.filter(convening=convening).count()
    suppressed = protection.is_small(responses)
    averages = {}
    if not suppressed:
        averages = {
            row["session"]: row
            for row in SessionRating.objects.filter(response__convening=convening)
            .values("session")
            .annotate(average=Avg("usefulness"), count=Count("pk"))
        }
    sessions = []
    for session in convening.sessions.order_by("starts_at", "position"):
        row = averages.get(session.pk)
        small = row is not None and protection.is_small(row["count"])
        shown = row is not None and not small
        sessions.append(
            {
                "session": session,
                "average": round(row["average"], 1) if shown else None,
                "count": row["count"] if shown else 0,
                "percent": int(row["average"] * 20) if shown else 0,
                "suppressed": small or suppressed,
            }
        )
    comments = []
    if not suppressed:
        answers = [
            r
            for r in FeedbackResponse.objects.filter(convening=convening).order_by("id")
            if r.what_to_change or r.priorities
        ]
        if answers:
            registry = protection.registry()
            comments = [
                {
                    "what_to_change": registry.scrub(r.what_to_change),
                    "priorities": registry.scrub(r.priorities),
                }
                for r in answers
            ]
    return FeedbackSummary(
        responses=responses,
        attendees=attendee_invitations(convening=convening).count(),
        sessions=sessions,
        comments=comments,
        suppressed=suppressed,
        threshold=threshold,
    )


# --- Staff: across convenings -------------------------------------------------------------


def convenings_overview(*, today: dt.date | None = None) -> models.QuerySet[Convening]:
    """Every convening with its between-meetings counts, in one query."""
    today = today or timezone.localdate()

    def _count(model, **filters):
        return Coalesce(
            Subquery(
                model.objects.filter(convening=OuterRef("pk"), **filters)
                .order_by()
                .values("convening")
                .annotate(c=Count("pk"))
                .values("c")
            ),
            0,
        )

    return (
        Convening.objects.select_related("host_country")
        .annotate(
            notes_total=_count(MeetingNote),
            notes_published=_count(MeetingNote, status=NotesStatus.PUBLISHED),
            actions_open=_count(FollowUpAction, status__in=OPEN_ACTION_STATUSES),
            actions_overdue=_count(
                FollowUpAction, status__in=OPEN_ACTION_STATUSES, due_date__lt=today
            ),
            messages_sent=_count(FollowUpMessage, status=MessageStatus.SENT),
            feedback_count=_count(FeedbackResponse),
        )
        .order_by("-start_date")
    )


def overdue_actions(*, today: dt.date | None = None) -> models.QuerySet[FollowUpAction]:
    today = today or timezone.localdate()
    return (
        FollowUpAction.objects.filter(status__in=OPEN_ACTION_STATUSES, due_date__lt=today)
        .select_related("convening", "owner", "country")
        .order_by("due_date", "pk")
    )


@dataclass
class EngagementRow:
    participant: Participant
    downloads: int
    actions_done: int
    actions_open: int
    feedback_given: int
    last_activity: dt.date | None
    quiet: bool


def _as_date(value) -> dt.date | None:
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

    def _count(model, person_field, outer="pk", **filters):
        return Coalesce(
            Subquery(
                model.objects.filter(**{person_field: OuterRef(outer)}, **filters)
                .order_by()
                .values(person_field)
                .annotate(c=Count("pk"))
                .values("c")
            ),
            0,
        )

    qs = (
        Participant.objects.active()
        .select_related("country")
        .annotate(
            actions_done=_count(FollowUpAction, "owner", status=ActionStatus.DONE),
            actions_open=_count(FollowUpAction, "owner", status__in=OPEN_ACTION_STATUSES),
            feedback_given=_count(FeedbackReceipt, "participant"),
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
        )
        .order_by("full_name")
    )
    # Downloads are the briefings app's to count (no guessing at its fields here).
    from briefings.selectors import download_activity_annotations

    qs = qs.annotate(**download_activity_annotations())
    quiet_before = today - dt.timedelta(days=settings.QUIET_PARTICIPANT_DAYS)
    rows = []
    for p in qs:
        dates = [
            _as_date(getattr(p, name, None))
            for name in ("last_update", "last_attended", "last_reply", "last_download")
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


def engagement_by_country(rows: list[EngagementRow]) -> list[dict]:
    totals: dict = defaultdict(
        lambda: {
            "participants": 0,
            "downloads": 0,
            "actions_done": 0,
            "feedback_given": 0,
            "quiet": 0,
            "last_activity": None,
        }
    )
    countries = {}
    for row in rows:
        country = row.participant.country
        countries[country.pk] = country
        t = totals[country.pk]
        t["participants"] += 1
        t["downloads"] += row.downloads
        t["actions_done"] += row.actions_done
        t["feedback_given"] += row.feedback_given
        t["quiet"] += int(row.quiet)
        if row.last_activity and (
            t["last_activity"] is None or row.last_activity > t["last_activity"]
        ):
            t["last_activity"] = row.last_activity
    # A country with fewer participants than the threshold shows no figures: they would
    # describe one or two people (see participants.protection.is_small).
    return [
        {
            "country": countries[pk],
            **totals[pk],
            "suppressed": protection.is_small(totals[pk]["participants"]),
        }
        for pk in sorted(totals, key=lambda pk: countries[pk].name)
    ]


def quiet_participants(*, today: dt.date | None = None) -> list[EngagementRow]:
    return [row for row in engagement_rows(today=today) if row.quiet]


# --- Figures for a period (reports) -----------------------------------------------------


def figures_for_period(*, start: dt.date, end: dt.date) -> list:
    """Follow-up actions and feedback, dated by the convening they belong to.

    The convening's start date decides the period, not the day a row was typed in, so
    actions and feedback recorded after the period still count for the convening that
    produced them, and today's typing never changes a past report. Cancelled convenings
    are left out.
    - Follow-up actions agreed: every action recorded for those convenings, whatever its
      status now.
    - Feedback responses received: the anonymous feedback forms sent in for them.
    """
    from django.utils.translation import gettext as _

    from convenings.selectors import held_between
    from platform_site.figures import PeriodFigure

    held = held_between(start=start, end=end)
    actions = FollowUpAction.objects.filter(convening__in=held).count()
    responses = FeedbackResponse.objects.filter(convening__in=held).count()
    return [
        PeriodFigure(
            key="actions",
            label=_("Follow-up actions agreed"),
            value=actions,
            definition=_(
                "Actions recorded for the convenings held in the period, whatever their "
                "status now; the convening's start date decides the period."
            ),
        ),
        PeriodFigure(
            key="feedback",
            label=_("Feedback responses received"),
            value=responses,
            definition=_(
                "Anonymous feedback forms sent in for the convenings held in the period; "
                "the convening's start date decides the period."
            ),
        ),
    ]


def oldest_unsent_followup_at():
    """When the longest-waiting follow-up message was created (queued or sending), or None.
    Messages are created when they fall due, so this is how long one has waited to go out.
    Operations' health check warns when it waited too long."""
    from django.db.models import Min

    from .models import FollowUpMessage, MessageStatus

    return FollowUpMessage.objects.filter(
        status__in=(MessageStatus.PENDING, MessageStatus.SENDING)
    ).aggregate(oldest=Min("created_at"))["oldest"]
