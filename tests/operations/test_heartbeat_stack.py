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


def test_a_real_beat_records_its_ticks_and_its_stop_shows_within_two_intervals(
    live_broker, postgres_server, worker_var_dir, settings, tmp_path
):
    """`celery beat` as compose runs it, with a 5 s heartbeat: its ticks reach the database
    from the beat process; once it is stopped, the health check (on a fake clock, two
    intervals on) says so."""
    import datetime as dt
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import worker_env
    from tests.servers import BASE_DIR

    env = {
        **os.environ,
        **worker_env(
            postgres_server=postgres_server, redis_url=live_broker.url, var_dir=worker_var_dir
        ),
        "DJANGO_SETTINGS_MODULE": "platform_site.settings",
        "HEARTBEAT_SECONDS": "5",
    }
    schedule = tmp_path / "beat-schedule"
    beat = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "platform_site",
            "beat",
            "-l",
            "info",
            f"--schedule={schedule}",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert wait_until(lambda: "beat" in beats(), timeout=30)  # beat_init
        started = Heartbeat.objects.get(name="beat").at
        # The next tick is recorded as the heartbeat is sent (within one interval).
        assert wait_until(lambda: Heartbeat.objects.get(name="beat").at > started, timeout=30)
    finally:
        os.killpg(beat.pid, signal.SIGTERM)
        beat.wait(timeout=30)
    last = Heartbeat.objects.get(name="beat").at
    settings.HEARTBEAT_SECONDS = 5
    Heartbeat.objects.update_or_create(name="worker", defaults={"at": last})
    assert health.health_report(now=last + dt.timedelta(seconds=9), ask_broker=False).problems == []
    stopped = health.health_report(now=last + dt.timedelta(seconds=11), ask_broker=False)
    assert [p.key for p in stopped.problems] == ["beat-stopped"]
