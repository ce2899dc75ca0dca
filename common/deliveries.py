"""One person's copy of something sent by e-mail (a briefing pack, a convening message):
the fields every delivery row shares, so both are queued, tried and logged alike.

Each concrete delivery adds what it is a copy of, the person, its own status choices (a
pack delivery is also claimed as "sending") and its constraints.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        abstract = True
