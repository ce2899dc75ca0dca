"""Two runs of the visa retention task at once on PostgreSQL (two beats, or a manual run
while beat's runs): each convening's visa details and letters are removed once, with one
audit entry of counts per convening, and nothing fails."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.models import AuditEntry
from convenings.models import VisaDetails, VisaLetter
from convenings.services import visa as visa_services
from tests import factories
from tests.concurrency import at_once
from tests.convenings.visa_helpers import accepted, choices, thai_convening, with_details

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_two_removals_at_once_remove_each_convenings_visa_data_once(settings):
    settings.VISA_DETAILS_KEEP_DAYS = 30
    staff = factories.UserFactory()
    ended = dt.date.today() - dt.timedelta(days=31)
    for index in range(3):
        convening = thai_convening(title=f"Ended {index}")
        for _ in range(4):
            invitation = accepted(convening)
            with_details(invitation)
        visa_services.generate_visa_letter(invitation=invitation, by=staff, choices=choices())
        type(convening).objects.filter(pk=convening.pk).update(
            start_date=ended - dt.timedelta(days=1), end_date=ended, status="held"
        )
    with_details(accepted(thai_convening(title="Ahead")))

    results, errors = at_once(lambda _i: visa_services.remove_expired_visa_details())
    assert errors == []
    assert sum(r["details"] for r in results) == 12
    assert sum(r["letters"] for r in results) == 3
    assert VisaDetails.objects.count() == 1
    assert not VisaLetter.objects.exists()
    entries = AuditEntry.objects.filter(action="visa.details_removed")
    assert entries.count() == 3
    assert sorted(e.changes["visa_details_removed"] for e in entries) == [4, 4, 4]
