"""The health check in the embedded set-up (no broker: tasks run eagerly)."""

import pytest


@pytest.mark.django_db
def test_healthz_reports_database_and_eager_broker(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "broker": "eager",
        "cache": "local",  # the embedded set-up has no shared cache to lose
        "status": "ok",
        # No broker: no beat or worker to watch (tests/operations/test_health.py watches them).
        "beat_seconds_since_tick": None,
        "worker_seconds_since_task": None,
        "queue_length": None,
        "backup_seconds_since_success": None,
        "warnings": [],
    }


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_unreachable(client, settings):
    from platform_site.celery import app

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    saved = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/healthz/")
    finally:
        app.conf.broker_url = saved
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
