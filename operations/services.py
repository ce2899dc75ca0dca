"""Writes of operations: heartbeats, and telling admins about a problem once.

Admins are e-mailed when a problem first appears; while it lasts (an OpenAlert row exists)
nobody is e-mailed again, however often the health check runs. When it clears the row goes,
so the next occurrence is mailed again.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.roles import ADMIN_GROUP
from common.mail import compose

from .health import Problem
from .models import Heartbeat, OpenAlert

logger = logging.getLogger(__name__)


def record_heartbeat(*, name: str, at: dt.datetime | None = None) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"at": at or timezone.now()})


def _admins():
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=ADMIN_GROUP))
        .distinct()
        .order_by("pk")
    )


def _mail_admins(*, problems: list[Problem]) -> None:
    """One message to each admin, in their language. Sent at once, not through Celery:
    the problem may be that Celery is not working."""
    for admin in _admins():
        context = {"problems": problems, "site_url": settings.SITE_URL}
        mail = compose(
            "operations/alert", context, language=admin.language or settings.LANGUAGE_CODE
        )
        try:
            mail.message(to=[admin.email]).send()
        except Exception:  # a mail server outage must not break the health check
            logger.exception("alert e-mail not sent", extra={"admin_id": admin.pk})


def raise_alerts(
    *,
    problems: list[Problem],
    resolves: frozenset[str] = frozenset(),
    now: dt.datetime | None = None,
) -> list[Problem]:
    """E-mail admins about the problems not already open; clear the keys in `resolves` that
    are no longer among them. Returns the problems mailed now. Safe from many processes at
    once: the unique key decides who mails."""
    now = now or timezone.now()
    keys = {p.key for p in problems}
    OpenAlert.objects.filter(key__in=resolves - keys).delete()
    new = []
    for problem in problems:
        try:
            with transaction.atomic():
                _alert, created = OpenAlert.objects.get_or_create(
                    key=problem.key, defaults={"raised_at": now}
                )
        except IntegrityError:  # another process opened it between our read and write
            created = False
        if created:
            new.append(problem)
            logger.error("operations problem: %s", problem.key, extra={"minutes": problem.minutes})
    if new:
        _mail_admins(problems=new)
    return new


def clear_alert(*, key: str) -> None:
    OpenAlert.objects.filter(key=key).delete()
