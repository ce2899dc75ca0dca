"""The real parts production uses: PostgreSQL, Redis and a Celery worker process."""

import pytest
from django.db import connection

from accounts import services
from accounts.models import User
from tests.conftest import mail_files, read_mail, reset_broker_connections
from tests.servers import RedisServer, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_the_session_runs_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0].startswith("15")


def test_a_task_sent_through_redis_to_the_worker_writes_to_postgresql(
    celery_worker, worker_var_dir
):
    user = services.create_account(
        email="worker.test@example.org", name="Worker Test", language="th"
    )
    services.invite_to_account(user=user)  # committed at once: this test runs outside a transaction

    assert wait_until(lambda: User.objects.get(pk=user.pk).invitation_sent_at is not None)
    assert wait_until(
        lambda: any("worker.test@example.org" in p.read_text() for p in mail_files(worker_var_dir))
    )
    # The worker's message is in the person's language.
    path = next(p for p in mail_files(worker_var_dir) if "worker.test@example.org" in p.read_text())
    message = read_mail(path)[0]
    assert message["Subject"].strip() == "บัญชีของคุณบนแพลตฟอร์มการเรียนรู้ระหว่างเพื่อนในภูมิภาค", message[
        "Subject"
    ]


def test_healthz_reports_database_and_broker_ok(client, live_broker):
    response = client.get("/healthz/")
    assert response.status_code == 200
    state = response.json()
    assert (state["database"], state["broker"]) == ("ok", "ok")
    # Nothing waits in the real Redis queue; beat is not running in this test.
    assert state["queue_length"] == 0
    assert state["warnings"] == ["beat-stopped"]
    assert state["status"] == "warning"


def test_healthz_is_503_when_redis_goes_down(client, settings):
    from platform_site.celery import app

    redis = RedisServer().start()
    saved = (app.conf.broker_url, settings.CELERY_BROKER_URL)
    settings.CELERY_BROKER_URL = app.conf.broker_url = redis.url
    reset_broker_connections(app)
    try:
        assert client.get("/healthz/").status_code == 200
        redis.stop()
        reset_broker_connections(app)
        response = client.get("/healthz/")
        assert response.status_code == 503
        assert response.json()["broker"] == "down"
        assert response.json()["database"] == "ok"
    finally:
        redis.stop()
        app.conf.broker_url, settings.CELERY_BROKER_URL = saved
        reset_broker_connections(app)
