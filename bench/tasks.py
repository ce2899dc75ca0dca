"""The no-op task: the limit a briefing pack's delivery rate is compared with.

It only counts itself in Redis (one INCR), so the benchmark knows when all have run.
Loaded by the benchmark's worker through CELERY_IMPORTS in bench/settings.py, which also
loads the URL map in each worker process as it starts: a long-running worker pays that
once, and the benchmark measures the steady state, not a fresh process's first e-mail.
"""

from __future__ import annotations

from functools import cache

import redis
from celery import shared_task
from celery.signals import worker_process_init
from django.urls import get_resolver


@cache
def _redis(url: str):
    return redis.Redis.from_url(url)


@worker_process_init.connect
def _load_url_map(**_kwargs) -> None:
    # In the worker process, once Django is set up.
    get_resolver().url_patterns  # noqa: B018 - imports every app's urls.py


@shared_task(name="bench.noop", acks_late=True, ignore_result=True)
def noop(*, counter: str) -> None:
    # bench.settings imports this module while platform_site (and its Celery app) loads.
    from platform_site.celery import app  # noqa: PLC0415  bench.settings names this module while platform_site loads

    _redis(app.conf.broker_url).incr(counter)
