"""Background work that says when it is stuck: /healthz/, the staff dashboard and one
e-mail to admins. The clock is faked (operations.health's `timezone.now`), never slept."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from briefings.models import BriefingPack, PackDelivery
from engagement.models import FollowUpMessage
from operations import health, services, tasks
from operations.models import Heartbeat, OpenAlert
from outcomes.models import ReportStatus
from tests import factories
from tests.outcomes.factories import StoredReportFactory

T0 = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
BEAT_WARNING = "The scheduler (Celery beat) has not ticked for"


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves: `clock.now`."""

    class Clock:
        now = T0

    monkeypatch.setattr(health.timezone, "now", lambda: Clock.now)
    monkeypatch.setattr(services.timezone, "now", lambda: Clock.now)
    return Clock


@pytest.fixture
def with_broker(settings, monkeypatch):
    """As in production: a broker, so beat and workers are watched. The broker's own
    reachability and queue are answered without a network (the integration tests ask Redis)."""
    import platform_site.views

    settings.CELERY_BROKER_URL = "redis://broker.invalid:6379/0"
    settings.HEARTBEAT_SECONDS = 60
    monkeypatch.setattr(platform_site.views, "_broker_state", lambda: "ok")
    monkeypatch.setattr(health, "queue_length", lambda: 4)


def healthz(client) -> dict:
    response = client.get("/healthz/")
    assert response.status_code == 200
    return response.json()


def dashboard(client) -> str:
    return client.get(reverse("convenings:staff-dashboard")).content.decode()


@pytest.mark.django_db
def test_a_stopped_beat_shows_on_healthz_and_the_dashboard_within_two_intervals(
    client, staff_client, admin_user, clock, with_broker
):
    services.record_heartbeat(name="beat", at=T0)
    services.record_heartbeat(name="worker", at=T0 + dt.timedelta(seconds=1))

    clock.now = T0 + dt.timedelta(seconds=119)  # under two intervals: all is well
    state = healthz(client)
    assert state["status"] == "ok"
    assert state["beat_seconds_since_tick"] == 119
    assert state["worker_seconds_since_task"] == 118
    assert state["queue_length"] == 4
    assert state["warnings"] == []
    assert BEAT_WARNING not in dashboard(staff_client)

    clock.now = T0 + dt.timedelta(seconds=121)  # beat stopped: two intervals without a tick
    state = healthz(client)
    assert state["status"] == "warning"
    assert state["warnings"] == ["beat-stopped"]
    assert BEAT_WARNING in dashboard(staff_client)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admin_user.email]
    assert BEAT_WARNING in mail.outbox[0].body


@pytest.mark.django_db
def test_admins_get_one_email_per_problem_not_one_per_check(client, admin_user, clock, with_broker):
    second_admin = factories.UserFactory(email="second.admin@example.org", language="th")
    from accounts import services as account_services

    account_services.set_role(user=second_admin, role="admin")
    services.record_heartbeat(name="beat", at=T0)
    services.record_heartbeat(name="worker", at=T0)
    for minute in range(3, 60):  # an hour of health checks while beat is stopped
        clock.now = T0 + dt.timedelta(minutes=minute)
        assert healthz(client)["warnings"] == ["beat-stopped"]
    assert sorted(m.to[0] for m in mail.outbox) == [admin_user.email, second_admin.email]
    thai = next(m for m in mail.outbox if m.to == [second_admin.email])
    assert "Celery beat" in thai.body
    assert BEAT_WARNING not in thai.body  # in the admin's own language

    # Beat comes back: the warning goes, and the next stop is news again.
    services.record_heartbeat(name="beat", at=clock.now)
    services.record_heartbeat(name="worker", at=clock.now)
    assert healthz(client)["status"] == "ok"
    assert not OpenAlert.objects.exists()
    clock.now += dt.timedelta(minutes=5)
    assert healthz(client)["warnings"] == ["beat-stopped"]
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_a_stopped_worker_shows_apart_from_beat(client, staff_client, clock, with_broker):
    services.record_heartbeat(name="beat", at=T0 + dt.timedelta(minutes=10))
    services.record_heartbeat(name="worker", at=T0)
    clock.now = T0 + dt.timedelta(minutes=10, seconds=30)
    assert healthz(client)["warnings"] == ["worker-stopped"]
    assert "No Celery worker has run" in dashboard(staff_client)


@pytest.mark.django_db
def test_a_beat_that_never_ticked_is_a_warning(client, clock, with_broker):
    state = healthz(client)
    assert state["beat_seconds_since_tick"] is None
    assert state["warnings"] == ["beat-stopped"]


@pytest.mark.django_db
def test_work_queued_longer_than_the_limit_is_a_warning(
    client, staff_client, clock, settings, participant
):
    settings.STUCK_WORK_MINUTES = 30
    clock.now = timezone.now()
    pack = BriefingPack.objects.create(convening=factories.ConveningFactory())
    delivery = PackDelivery.objects.create(pack=pack, participant=participant, language="en")
    report = StoredReportFactory(status=ReportStatus.QUEUED)
    message = FollowUpMessage.objects.create(
        key="drill", kind="after_convening", recipient="p@example.org", language="en"
    )
    assert healthz(client)["warnings"] == []

    clock.now += dt.timedelta(minutes=31)
    state = healthz(client)
    assert sorted(state["warnings"]) == ["stuck-followups", "stuck-packs", "stuck-reports"]
    page = dashboard(staff_client)
    assert "A briefing pack e-mail has been waiting to go out for 31 minutes." in page
    assert "A report has been waiting to be made for 31 minutes." in page
    assert "A follow-up message has been waiting to go out for 31 minutes." in page

    # Sent, made and sent: nothing is stuck any more.
    PackDelivery.objects.filter(pk=delivery.pk).update(status="sent")
    StoredReportFactory._meta.model.objects.filter(pk=report.pk).update(status="done")
    FollowUpMessage.objects.filter(pk=message.pk).update(status="sent")
    assert healthz(client)["warnings"] == []
    assert "Background work needs attention" not in dashboard(staff_client)


@pytest.mark.django_db
def test_without_a_broker_beat_and_workers_are_not_watched(client):
    state = healthz(client)
    assert state["status"] == "ok"
    assert state["beat_seconds_since_tick"] is None
    assert state["warnings"] == []


@pytest.mark.django_db
def test_beat_records_its_tick_as_it_sends_the_heartbeat_and_a_worker_as_it_runs_it():
    tasks._beat_published_heartbeat(sender="briefings.send_pack_delivery")
    assert not Heartbeat.objects.exists()
    tasks._beat_published_heartbeat(sender=tasks.HEARTBEAT_TASK)
    assert set(Heartbeat.objects.values_list("name", flat=True)) == {"beat"}
    tasks.heartbeat.delay()
    assert set(Heartbeat.objects.values_list("name", flat=True)) == {"beat", "worker"}


def test_beat_sends_the_heartbeat_every_interval_and_the_backup_daily(settings):
    from platform_site.celery import app

    entry = app.conf.beat_schedule["operations-heartbeat"]
    assert entry["task"] == tasks.HEARTBEAT_TASK
    assert entry["schedule"] == settings.HEARTBEAT_SECONDS
    backup = app.conf.beat_schedule["operations-daily-backup"]
    assert backup["task"] == "operations.run_backup"
    assert backup["schedule"].hour == {settings.BACKUP_HOUR}


@pytest.mark.django_db(transaction=True)
def test_a_failed_backup_shows_until_a_backup_succeeds_even_a_manual_one(
    client, staff_client, admin_user, settings, monkeypatch
):
    """The failure e-mail goes once; the dashboard and /healthz/ keep saying it until a
    backup works, and the README's `manage.py backup` (before an upgrade) counts."""
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    from operations import backups

    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()

    def no_dump(folder):
        raise backups.BackupError("pg_dump failed: connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(backups, "_dump_database", no_dump)
        assert backups.scheduled_backup() is None
    assert len(mail.outbox) == 1
    assert "backup-failed" in healthz(client)["warnings"]
    assert "The last backup failed" in dashboard(staff_client)
    assert len(mail.outbox) == 1  # still one e-mail

    call_command("backup", stdout=io.StringIO())
    state = healthz(client)
    assert state["warnings"] == []
    assert state["backup_seconds_since_success"] is not None
    assert "The last backup failed" not in dashboard(staff_client)


@pytest.mark.django_db
def test_the_dashboard_shows_the_age_of_beats_tick_and_of_the_workers_heartbeat(
    staff_client, staff_user, clock, with_broker
):
    """Not only when it is stuck: staff see how long ago beat ticked and a worker ran."""
    page = dashboard(staff_client)
    assert "Scheduler (Celery beat): no tick recorded yet." in page
    assert "Workers: none has run the heartbeat yet." in page

    services.record_heartbeat(name="beat", at=T0)
    services.record_heartbeat(name="worker", at=T0 - dt.timedelta(seconds=1))
    clock.now = T0 + dt.timedelta(seconds=42)
    page = dashboard(staff_client)
    assert "Scheduler (Celery beat): last tick 42 seconds ago." in page
    assert "Workers: one ran the heartbeat 43 seconds ago." in page

    staff_user.language = "th"
    staff_user.save(update_fields=["language"])
    assert "ทำงานครั้งล่าสุดเมื่อ 42 วินาทีที่แล้ว" in dashboard(staff_client)


@pytest.mark.django_db
def test_without_a_broker_the_dashboard_shows_no_scheduler_line(staff_client):
    assert "Celery beat" not in dashboard(staff_client)
