"""On-site check-in: the opaque code on a badge (and on the participant's phone), and who
was checked in on which day or session.

A `BadgeCode` is a random token, unique, one per invitation; it says nothing about the
person (no id, no name) and is replaced by a new one when staff rotate it, so a lost
badge stops working. A `CheckIn` is one person present on one day (session empty) or at
one session; the database refuses a second row for the same invitation and day, or the
same invitation and session, so a code scanned twice (or two phones at once) checks in once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .agenda import AgendaSession
from .invitations import Invitation


class BadgeCode(models.Model):
    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="badge_code"
    )
    # secrets.token_urlsafe: random, never derived from the person or the invitation.
    token = models.CharField(_("code"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued at"), auto_now=True)

    class Meta:
        verbose_name = _("badge code")
        verbose_name_plural = _("badge codes")

    def __str__(self) -> str:
        return f"badge code of invitation {self.invitation_id}"


class CheckInMethod(models.TextChoices):
    CODE = "code", _("Badge or phone code")
    SEARCH = "search", _("Search by name")


class CheckIn(models.Model):
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="check_ins")
    day = models.DateField(_("day"))
    session = models.ForeignKey(
        AgendaSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="check_ins",
    )
    method = models.CharField(_("how"), max_length=16, choices=CheckInMethod.choices)
    checked_in_at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-checked_in_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "day"],
                condition=models.Q(session__isnull=True),
                name="checkin_once_per_day",
                violation_error_code="checkin_once_per_day",
                violation_error_message=_("This person is already checked in for this day."),
            ),
            models.UniqueConstraint(
                fields=["invitation", "session"],
                condition=models.Q(session__isnull=False),
                name="checkin_once_per_session",
                violation_error_code="checkin_once_per_session",
                violation_error_message=_("This person is already checked in for this session."),
            ),
        ]
        indexes = [models.Index(fields=["day", "session"])]

    def __str__(self) -> str:
        return f"check-in {self.invitation_id} {self.day}"
