"""Check-in under concurrency on the real PostgreSQL: the same badge scanned on several
phones at the same moment, and the same code issued twice at once, record one row each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import AuditEntry
from convenings import checkin
from convenings.models import BadgeCode, CheckIn, ConveningStatus, Invitation, InvitationStatus
from tests import factories
from tests.concurrency import at_once

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PHONES = 8


def test_one_badge_scanned_on_several_phones_at_once_checks_in_once():
    assert connection.vendor == "postgresql"
    today = timezone.localdate()
    convening = factories.ConveningFactory(
        status=ConveningStatus.OPEN,
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=1),
        time_zone="Asia/Bangkok",
    )
    invitation = factories.InvitationFactory(convening=convening, status=InvitationStatus.ACCEPTED)
    staff = factories.UserFactory()
    token = checkin.issue_badge_codes(invitations=[invitation])[invitation.pk]
    day = checkin.venue_today(convening)
    results = []

    def scan(_index: int) -> None:
        found = checkin.invitation_for_code(token=token)
        results.append(
            checkin.check_in(
                invitation=found, day=day, by=staff, method="code", convening=convening
            )
        )

    assert at_once(scan, PHONES)[1] == []
    assert CheckIn.objects.filter(invitation=invitation).count() == 1
    assert sorted(r.created for r in results) == [False] * (PHONES - 1) + [True]
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.ATTENDED
    assert AuditEntry.objects.filter(action="invitation.checked_in").count() == 1
    assert AuditEntry.objects.filter(action="invitation.attendance").count() == 1


def test_codes_issued_twice_at_once_give_one_code_per_invitation():
    convening = factories.ConveningFactory()
    invitations = [factories.InvitationFactory(convening=convening) for _ in range(5)]
    seen: list[dict] = []

    def issue(_index: int) -> None:
        seen.append(checkin.issue_badge_codes(invitations=invitations))

    assert at_once(issue, 4)[1] == []
    assert BadgeCode.objects.count() == 5
    assert all(codes == seen[0] for codes in seen)
