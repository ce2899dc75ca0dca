"""How the background work is doing, read for `/healthz/` and the staff dashboard.

- beat: when the scheduler last sent its heartbeat task (recorded in the beat process as
  the task is published, see tasks.py); stale after twice HEARTBEAT_SECONDS.
- worker: when a worker last ran that task; stale after twice HEARTBEAT_SECONDS too.
- queue: how many messages wait in the broker's default queue (Redis LLEN).
- stuck work: the oldest pack delivery, report or follow-up message still waiting, from
  the owning apps' selectors; stuck after STUCK_WORK_MINUTES.

With no broker (the embedded `make run`), tasks run in-process: there is no beat or worker
to watch, only stuck work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from celery import current_app
from django.conf import settings
from django.utils import timezone

from .models import Heartbeat

# The problems the health check raises, and so the ones it clears when they are gone.
HEALTH_KEYS = frozenset(
    {
        "beat-stopped",
        "worker-stopped",
        "stuck-packs",
        "stuck-reports",
        "stuck-followups",
        "backup-old",
    }
)
QUEUE_NAME = "celery"  # Celery's default queue: every task of the platform goes there


@dataclass(frozen=True)
class Problem:
    """One thing that needs a person: `key` is stable (the alert's identity), `kind` says
    which message to show."""

    key: str
    kind: str
    minutes: int | None = None


@dataclass
class HealthReport:
    beat_age: int | None = None  # seconds since the last tick; None: never, or not used
    worker_age: int | None = None
    queue_length: int | None = None
    backup_age: int | None = None
    uses_broker: bool = False
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "beat_seconds_since_tick": self.beat_age,
            "worker_seconds_since_task": self.worker_age,
            "queue_length": self.queue_length,
            "backup_seconds_since_success": self.backup_age,
            "warnings": [p.key for p in self.problems],
        }


def _age(at: dt.datetime | None, now: dt.datetime) -> int | None:
    return None if at is None else max(0, int((now - at).total_seconds()))


def queue_length() -> int | None:
    """Messages waiting in the broker's queue, or None when it cannot be asked."""
    if not settings.CELERY_BROKER_URL:
        return None
    try:
        # The project's Celery app (platform_site.celery) is the current one; asking Celery
        # for it keeps operations from importing the project package that imports it.
        with current_app.connection_for_read() as conn:
            return int(conn.default_channel.client.llen(QUEUE_NAME))
    except Exception:  # any broker error: the broker check reports it
        return None


# Each app that queues work says how old its oldest unfinished piece is (from its
# AppConfig.ready): operations sits below the apps and imports none of them.
STUCK_WORK_PROBES: dict[str, Callable[[], dt.datetime | None]] = {}


def register_stuck_work(kind: str, oldest: Callable[[], dt.datetime | None]) -> None:
    """`oldest()` gives the time the oldest unfinished piece of `kind` was queued, or None.
    `kind` names the problem (`stuck-<kind>`): "packs", "reports", "followups"."""
    STUCK_WORK_PROBES[kind] = oldest


def stuck_work(now: dt.datetime) -> list[Problem]:
    limit = dt.timedelta(minutes=settings.STUCK_WORK_MINUTES)
    problems = []
    for kind, probe in STUCK_WORK_PROBES.items():
        oldest = probe()
        if oldest is not None and now - oldest > limit:
            minutes = int((now - oldest).total_seconds() // 60)
            problems.append(Problem(key=f"stuck-{kind}", kind=f"stuck-{kind}", minutes=minutes))
    return problems


def health_report(*, now: dt.datetime | None = None, ask_broker: bool = True) -> HealthReport:
    now = now or timezone.now()
    report = HealthReport(uses_broker=bool(settings.CELERY_BROKER_URL))
    beats = dict(Heartbeat.objects.values_list("name", "at"))
    report.backup_age = _age(beats.get("backup"), now)
    stale = 2 * settings.HEARTBEAT_SECONDS
    if report.uses_broker:
        report.beat_age = _age(beats.get("beat"), now)
        report.worker_age = _age(beats.get("worker"), now)
        if report.beat_age is None or report.beat_age > stale:
            report.problems.append(
                Problem(key="beat-stopped", kind="beat", minutes=_minutes(report.beat_age))
            )
        elif report.worker_age is None or report.worker_age > stale:
            # Only when beat ticks: a silent beat sends no heartbeat for a worker to run.
            report.problems.append(
                Problem(key="worker-stopped", kind="worker", minutes=_minutes(report.worker_age))
            )
        if ask_broker:
            report.queue_length = queue_length()
    report.problems.extend(stuck_work(now))
    # A failed backup shows until one succeeds (its e-mail went once, operations/services.py).
    failed_at, backup_at = beats.get("backup-failed"), beats.get("backup")
    if failed_at is not None and (backup_at is None or failed_at > backup_at):
        report.problems.append(Problem(key="backup-failed", kind="backup-failed"))
    # Daily backups: a day and a half without one means the last one (or more) failed.
    if settings.BACKUP_ENCRYPTION_KEY and report.backup_age and report.backup_age > 36 * 3600:
        report.problems.append(
            Problem(key="backup-old", kind="backup-old", minutes=_minutes(report.backup_age))
        )
    return report


def _minutes(seconds: int | None) -> int | None:
    return None if seconds is None else seconds // 60


def operations_problems() -> list[Problem]:
    """The problems staff see on their dashboard (without asking the broker: a page must
    not wait on Redis)."""
    return health_report(ask_broker=False).problems
