"""What operations keeps in the database: the last beat of each background process and the
problems admins have already been told about (so they hear of each one once)."""

from __future__ import annotations

from django.db import models


class Heartbeat(models.Model):
    """The last time a named process showed it was alive: `beat` (the scheduler sent its
    heartbeat task), `worker` (a worker ran it), `backup` (the last backup that completed)."""

    name = models.CharField(max_length=32, unique=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} {self.at.isoformat()}"


class OpenAlert(models.Model):
    """A problem admins were e-mailed about. The row exists while the problem lasts; it is
    deleted when the problem clears, so the next occurrence is mailed again."""

    key = models.CharField(max_length=64, unique=True)
    raised_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.key
