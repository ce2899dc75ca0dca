"""Staff pages about convenings (staff only; every view is wrapped by `staff_required`).

The modules, by page: `planning` (dashboard, list, new, details, edit, costs), `invitees`
(invitations, balance, reminders, replies, attendance), `agenda_sessions` (the agenda) and
`site_visits`; `base` holds what they share. Every view is re-exported here."""

from .agenda_sessions import (  # noqa: F401
    SESSIONS,
    _save_session,
    _session_initial,
    agenda,
    agenda_session_delete,
    agenda_session_edit,
    agenda_session_move,
)
from .base import (  # noqa: F401
    ConveningParts,
    convening_or_404,
    in_venue_zone,
    tabs,
)
from .invitees import (  # noqa: F401
    CANDIDATES_SHOWN,
    INVITATION_FILTERS,
    _balance_context,
    _invite,
    invitation_balance,
    invitations,
    record_attendance,
    replies,
    send_reminders,
)
from .planning import (  # noqa: F401
    DASHBOARD_NOT_REPLIED,
    LIST_PAGE_SIZE,
    NOTICE_HEADINGS,
    _confirm_notice,
    _dates_move,
    _notice_on_save,
    convening_create,
    convening_detail,
    convening_edit,
    convening_list,
    costs,
    dashboard,
)
from .site_visits import (  # noqa: F401
    VISITS,
    site_visit_delete,
    site_visit_edit,
    site_visit_list,
)
