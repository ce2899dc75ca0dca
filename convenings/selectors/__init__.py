"""Reads about convenings, scoped to what the asking person may see.

The modules, by topic: `portal` (what a participant reads), `listing` (convenings with
their reply counts), `invitations` (invitees, the directory to invite from and the balance of
the list), `needs` (what the people coming need, and the costs), `agenda` (sessions and site
visits by day), `figures` (figures for a report period), `logistics` (the Logistics tab
and its exports) and `visa` (visa details and letters, used as a module). Every other
name is re-exported here, so `from convenings.selectors import X` keeps working."""

from .agenda import (  # noqa: F401
    OutsideTheDates,
    agenda_by_day,
    outside_the_dates,
    site_visits,
    venue_dates_label,
)
from .figures import (  # noqa: F401
    TOOK_PART,
    figures_for_period,
    held_between,
    took_part_between,
)
from .invitations import (  # noqa: F401
    Balance,
    Share,
    _shares,
    _translated_country_name,
    directory_candidates,
    invitation_balance,
    invitations_for_staff,
    not_replied,
    notices_sent,
    withdrawn_invitations,
)
from .listing import (  # noqa: F401
    _CURRENT,
    REPLY_COUNTS,
    YES,
    convening_with_counts_or_404,
    convenings_with_counts,
    past_convenings,
    upcoming_convenings,
)
from .logistics import (  # noqa: F401
    coming,
    person_label,
    waiting_place,
)
from .needs import (  # noqa: F401
    CostSummary,
    InterpretationSeats,
    Needs,
    cost_summary,
    interpretation_headcount,
    replies_and_needs,
)
from .portal import (  # noqa: F401
    AttendeeRow,
    attendees_visible_to_participant,
    convenings_for_participant,
    invitations_of_participant,
    public_attendee_row,
)
