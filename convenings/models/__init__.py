"""Convenings and what happens at them: invitations, agenda sessions, site visits, costs.

The models live in modules by topic: `convening` (the convening itself), `invitations`
(invitations, reminder sends and notices of a change), `agenda` (sessions and site visits)
`messages` (ad-hoc messages to invitees, convenings/adhoc.py), `visa` (visa details,
letters and their text) and `checkin` (badge codes and check-ins). Django loads them from
here, and every name is re-exported, so `convenings.models.X` keeps working."""

from .agenda import (  # noqa: F401
    AgendaSession,
    SessionKind,
    SiteVisit,
)
from .checkin import (  # noqa: F401  on-site check-in (branch onsite)
    BadgeCode,
    CheckIn,
    CheckInMethod,
)
from .convening import (  # noqa: F401
    Convening,
    ConveningFormat,
    ConveningStatus,
)
from .invitations import (  # noqa: F401
    ConveningNotice,
    CurrentInvitations,
    Invitation,
    InvitationQuerySet,
    InvitationStatus,
    NoticeKind,
    ReminderBatch,
    TravelMode,
)
from .messages import (  # noqa: F401
    Message,
    MessageAudience,
    MessageDelivery,
    MessageDeliveryStatus,
)
from .visa import (  # noqa: F401
    Payer,
    VisaDetails,
    VisaLetter,
    VisaLetterTemplate,
)
