"""Heartbeats through the real parts: Redis and a Celery worker process."""

from __future__ import annotations

import pytest

from operations import health
from operations.models import Heartbeat
from operations.tasks import heartbeat
from tests.servers import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def beats() -> set[str]:
    return set(Heartbeat.objects.values_list("name", flat=True))


def test_the_queue_length_is_what_waits_in_redis(live_broker):
    from platform_site.celery import app

    app.control.purge()
    for _ in range(3):
        heartbeat.apply_async(expires=30)
    try:
        assert health.queue_length() == 3
        # Publishing the heartbeat is beat's tick (the publisher here stands in for beat).
        assert beats() == {"beat"}
    finally:
        app.control.purge()
    assert health.queue_length() == 0


def test_a_worker_records_its_start_and_each_heartbeat_it_runs(celery_worker, client):
    assert wait_until(lambda: "worker" in beats())  # worker_ready
    Heartbeat.objects.all().delete()
    heartbeat.delay()
    assert wait_until(lambda: beats() == {"beat", "worker"})
    state = client.get("/healthz/").json()
    assert state["status"] == "ok", state
    assert state["beat_seconds_since_tick"] < 30
    assert state["worker_seconds_since_task"] < 30
    assert state["queue_length"] == 0
