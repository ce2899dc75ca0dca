"""Two purges of "Recently deleted" at once on PostgreSQL (two beats, or a manual run while
beat's runs): each row is removed once, with one audit entry, and nothing fails."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connections
from django.utils import timezone

from accounts.models import AuditEntry
from operations import trash
from outcomes.models import Outcome
from tests import factories
from tests.outcomes.factories import OutcomeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_two_purges_at_once_remove_each_row_once(settings):
    settings.DELETED_KEEP_DAYS = 30
    staff = factories.UserFactory()
    outcomes = [OutcomeFactory() for _ in range(20)]
    for outcome in outcomes:
        trash.delete_object(obj=outcome, by=staff)
    Outcome.all_objects.update(deleted_at=timezone.now() - dt.timedelta(days=40))

    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def purge() -> None:
        try:
            barrier.wait(timeout=30)
            counts.append(trash.purge_deleted())
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=purge) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sum(counts) == 20
    assert not Outcome.all_objects.exists()
    assert AuditEntry.objects.filter(action="outcome.purged").count() == 20
