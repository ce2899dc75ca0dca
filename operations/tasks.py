"""Celery tasks of operations: the heartbeat beat sends every HEARTBEAT_SECONDS, and the
scheduled backup.

Beat's tick is recorded in the beat process itself, as it publishes the heartbeat
(`before_task_publish`) and when it starts (`beat_init`); a worker records its own when it
runs the heartbeat and when it starts (`worker_ready`). So a stopped beat and a stopped
worker show apart.
"""

from __future__ import annotations

import logging

from celery import shared_task
from celery.signals import beat_init, before_task_publish, worker_ready

from . import services, trash

logger = logging.getLogger(__name__)

HEARTBEAT_TASK = "operations.heartbeat"


def _record(name: str) -> None:
    try:
        services.record_heartbeat(name=name)
    except Exception:  # a database hiccup must not stop beat or a worker
        logger.exception("heartbeat not recorded", extra={"process": name})


@before_task_publish.connect
def _beat_published_heartbeat(sender=None, **kwargs) -> None:
    if sender == HEARTBEAT_TASK:
        _record("beat")


@beat_init.connect
def _beat_started(sender=None, **kwargs) -> None:
    _record("beat")


@worker_ready.connect
def _worker_started(sender=None, **kwargs) -> None:
    _record("worker")


@shared_task(name=HEARTBEAT_TASK, ignore_result=True, time_limit=30, soft_time_limit=20)
def heartbeat() -> None:
    _record("worker")


# A backup of years of files takes longer than the platform's default task time limit.
@shared_task(
    name="operations.run_backup",
    ignore_result=True,
    acks_late=False,
    time_limit=4 * 3600,
    soft_time_limit=4 * 3600 - 60,
)
def run_backup() -> None:
    """Not retried and not acknowledged late: a backup that failed is reported (once) and
    the next scheduled one tries again; running a half-done one twice would help nobody."""
    # Backups bring in cryptography, the storages and the ledger: only the worker that
    # runs this task imports them.
    from .backups import scheduled_backup  # noqa: PLC0415  cryptography and storages load only in the worker that backs up

    scheduled_backup()


# Idempotent: each row is claimed as it is removed (operations.trash.purge_deleted), so a
# second run, or two at once, removes nothing twice.
@shared_task(name="operations.purge_deleted", ignore_result=True)
def purge_deleted() -> None:
    trash.purge_deleted()
