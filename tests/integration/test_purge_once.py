"""Two purges of "Recently deleted" at once on PostgreSQL (two beats, or a manual run while
beat's runs): each row is removed once, with one audit entry, and nothing fails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import AuditEntry
from operations import trash
from outcomes.models import Outcome
from tests import factories
from tests.concurrency import at_once
from tests.outcomes.factories import OutcomeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_two_purges_at_once_remove_each_row_once(settings):
    settings.DELETED_KEEP_DAYS = 30
    staff = factories.UserFactory()
    outcomes = [OutcomeFactory() for _ in range(20)]
    for outcome in outcomes:
        trash.delete_object(obj=outcome, by=staff)
    Outcome.all_objects.update(deleted_at=timezone.now() - dt.timedelta(days=40))

    counts, errors = at_once(lambda _i: trash.purge_deleted())
    assert errors == []
    assert sum(counts) == 20
    assert not Outcome.all_objects.exists()
    assert AuditEntry.objects.filter(action="outcome.purged").count() == 20
