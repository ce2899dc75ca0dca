"""The feedback summary of one convening for staff, small numbers withheld."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count

from convenings.models import AgendaSession, Convening
from participants import protection

from ..models import FeedbackResponse, SessionRating
from .attendance import attendee_invitations


@dataclass
class SessionFeedback:
    session: AgendaSession
    # None when not shown (no ratings, or too few to show).
    average: float | None
    count: int
    # Too few ratings to show, for this session or for the convening as a whole.
    suppressed: bool


@dataclass
class FeedbackComment:
    what_to_change: str
    priorities: str


@dataclass
class FeedbackSummary:
    responses: int
    attendees: int
    sessions: list[SessionFeedback]
    comments: list[FeedbackComment] = field(default_factory=list)
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
            SessionFeedback(
                session=session,
                average=round(row["average"], 1) if shown else None,
                count=row["count"] if shown else 0,
                suppressed=small or suppressed,
            )
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
                FeedbackComment(
                    what_to_change=registry.scrub(r.what_to_change),
                    priorities=registry.scrub(r.priorities),
                )
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
