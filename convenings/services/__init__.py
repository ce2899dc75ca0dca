"""Writes about convenings: planning them, inviting people, replies, agenda, site visits.

Every change goes through a function in this package; each runs in one transaction, writes
the audit log and queues e-mail only after the transaction commits. The modules, by topic:
`fields` (what each service may write), `planning` (the convening itself, its dates, zone
and costs), `notices` (the e-mails to invitees and the notices of a change), `invitations`
(inviting, replies, attendance), `reminders`, `agenda` (sessions), `site_visits`,
`logistics` (travel and stay, capacity and the waiting list) and `visa` (visa details and
letters, used as a module: `from convenings.services import visa`). Every other name is
re-exported here, so `from convenings.services import X` keeps working."""

from .agenda import (  # noqa: F401
    OverlapError,
    _check_protected_names,
    _check_session,
    _next_position,
    add_agenda_session,
    delete_agenda_session,
    move_agenda_session,
    overlapping_sessions,
    update_agenda_session,
)
from .fields import (  # noqa: F401
    CALENDAR_FIELDS,
    CONVENING_FIELDS,
    COST_FIELDS,
    REPLY_FIELDS,
    SESSION_FIELDS,
    SITE_VISIT_FIELDS,
    _apply,
)
from .invitations import (  # noqa: F401
    invite_participants,
    record_attendance,
    reply_to_invitation,
)
from .logistics import (  # noqa: F401
    promote_from_waiting_list,
    update_logistics,
    waiting_list,
)
from .notices import (  # noqa: F401
    RESEND_WITHIN,
    UNSENT_AFTER,
    _notify_invitees,
    _portal_link,
    _send_to_invitee,
    message_to_invitee,
    notice_for_change,
    notice_is_superseded,
    notice_recipients,
    requeue_unsent_invitations,
    requeue_unsent_notices,
    send_invitation_email,
    send_notice_email,
    send_promotion_email,
    send_reminder_email,
)
from .planning import (  # noqa: F401
    _audited_convening_fields,
    _check_convening,
    _move_agenda,
    _shifted,
    bump_sequence,
    create_convening,
    reschedule_preview,
    sessions_after_save,
    update_convening,
    update_costs,
)
from .reminders import (  # noqa: F401
    Reminders,
    _reminded_since,
    reminder_interval,
    reminders_due,
    send_reply_reminders,
)
from .site_visits import (  # noqa: F401
    _check_site_visit,
    _session_for_visit,
    create_site_visit,
    delete_site_visit,
    update_site_visit,
)
