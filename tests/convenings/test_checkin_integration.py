"""Check-in under concurrency on the real PostgreSQL: the same badge scanned on several
phones at the same moment, and the same code issued twice at once, record one row each."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import AuditEntry
from convenings import checkin
from convenings.models import BadgeCode, CheckIn, ConveningStatus, Invitation, InvitationStatus
from tests import factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PHONES = 8


def _at_once(work, count: int) -> list[BaseException]:
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            work(index)
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


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

    assert _at_once(scan, PHONES) == []
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

    assert _at_once(issue, 4) == []
    assert BadgeCode.objects.count() == 5
    assert all(codes == seen[0] for codes in seen)
