"""Reads between meetings, scoped to who asks, by topic:

- `attendance`: who attended a convening (engagement's rule over convenings' invitations);
- `participant`: a participant's published notes, actions and feedback due;
- `convening`: staff reads for one convening (notes, actions, messages);
- `feedback`: the feedback summary, small numbers withheld;
- `overview`: across convenings (counts, overdue actions, the oldest unsent follow-up);
- `activity`: each participant's activity, who is quiet, totals by country;
- `figures`: engagement's figures for a report period.

Every name stays importable from `engagement.selectors`, as before the split.
"""

from .activity import (
    CountryEngagement,
    EngagementRow,
    engagement_by_country,
    engagement_rows,
    quiet_participants,
)
from .attendance import RECORDED, attendance_recorded, attendee_invitations
from .convening import actions_for_convening, messages_for_convening, notes_for_convening
from .feedback import FeedbackComment, FeedbackSummary, SessionFeedback, feedback_summary
from .figures import figures_for_period
from .overview import convenings_overview, oldest_unsent_followup_at, overdue_actions
from .participant import (
    LIVE_SESSION,
    FeedbackForm,
    PublishedNotes,
    action_for_owner_or_404,
    actions_for_participant,
    convenings_with_published_notes,
    feedback_due_for,
    feedback_due_on,
    feedback_form_for_or_404,
    published_notes_for,
)

__all__ = [
    "LIVE_SESSION",
    "RECORDED",
    "CountryEngagement",
    "EngagementRow",
    "FeedbackComment",
    "FeedbackForm",
    "FeedbackSummary",
    "PublishedNotes",
    "SessionFeedback",
    "action_for_owner_or_404",
    "actions_for_convening",
    "actions_for_participant",
    "attendance_recorded",
    "attendee_invitations",
    "convenings_overview",
    "convenings_with_published_notes",
    "engagement_by_country",
    "engagement_rows",
    "feedback_due_for",
    "feedback_due_on",
    "feedback_form_for_or_404",
    "feedback_summary",
    "figures_for_period",
    "messages_for_convening",
    "notes_for_convening",
    "oldest_unsent_followup_at",
    "overdue_actions",
    "published_notes_for",
    "quiet_participants",
]
