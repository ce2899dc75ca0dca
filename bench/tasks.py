"""The no-op task: the limit a briefing pack's delivery rate is compared with.

It only counts itself in Redis (one INCR), so the benchmark knows when all have run.
Loaded by the benchmark's worker through CELERY_IMPORTS in bench/settings.py.
"""

from __future__ import annotations

from functools import cache

from celery import shared_task


@cache
def _redis(url: str):
    import redis

    return redis.Redis.from_url(url)


@shared_task(name="bench.noop", acks_late=True, ignore_result=True)
def noop(*, counter: str) -> None:
    from platform_site.celery import app

    _redis(app.conf.broker_url).incr(counter)
