"""The venue-time tests' world: New Zealand, a Wellington convening, and an invitee who
reads in Bangkok.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories
from tests.convenings.factories import open_convening
from tests.convenings.venue_time.calendars import next_nz_summer_day


@pytest.fixture
def new_zealand(db):
    return factories.CountryFactory(code="NZ")


@pytest.fixture
def wellington(new_zealand):
    day = next_nz_summer_day()
    return open_convening(
        title="Wellington convening",
        host_country=new_zealand,
        city="Wellington",
        time_zone="Pacific/Auckland",
        start_date=day,
        end_date=day + dt.timedelta(days=1),
    )


@pytest.fixture
def bangkok_invitee(wellington, participant):
    participant.time_zone = "Asia/Bangkok"
    participant.save()
    return factories.InvitationFactory(convening=wellington, participant=participant)
