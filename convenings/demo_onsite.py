"""Demo check-ins: badge codes for everyone who said yes, and a check-in for each day of
the held convenings for everyone who attended (as the desk would have recorded them), so
the desk's counts, the printables and the participant's code have something to show.
Idempotent: codes and check-ins already there are kept."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from .checkin import issue_badge_codes
from .models import CheckIn, CheckInMethod, Convening, ConveningStatus, Invitation, InvitationStatus


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


@transaction.atomic
def seed(*, scale: int = 1, stdout=None) -> None:
    yes = Invitation.objects.filter(
        status__in=[InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED]
    ).select_related("convening")
    issue_badge_codes(invitations=yes)
    rows = []
    have = set(CheckIn.objects.filter(session__isnull=True).values_list("invitation_id", "day"))
    for convening in Convening.objects.filter(status=ConveningStatus.HELD):
        days = (convening.end_date - convening.start_date).days + 1
        attended = Invitation.objects.filter(
            convening=convening, status=InvitationStatus.ATTENDED
        ).order_by("pk")
        for index, invitation in enumerate(attended):
            for n in range(days):
                day = convening.start_date + dt.timedelta(days=n)
                if (invitation.pk, day) in have:
                    continue
                # Most came by the badge's code, some were found by name at the desk.
                method = CheckInMethod.SEARCH if index % 5 == 0 else CheckInMethod.CODE
                rows.append(CheckIn(invitation=invitation, day=day, method=method))
    CheckIn.objects.bulk_create(rows, ignore_conflicts=True)
    _say(stdout, f"convenings: {len(rows)} check-ins created")
