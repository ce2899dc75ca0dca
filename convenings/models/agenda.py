"""The agenda: sessions in the venue's zone, and site visits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.deletion import Deletable
from participants.models import Organisation
from platform_site.constraints import FieldCheckConstraint

from .convening import Convening


class SessionKind(models.TextChoices):
    PRESENTATION = "presentation", _("Presentation")
    GROUP_DISCUSSION = "group_discussion", _("Group discussion")
    INFORMAL = "informal", _("Informal time")
    SITE_VISIT = "site_visit", _("Site visit")
    LIVED_EXPERIENCE = "lived_experience", _("Lived-experience session")
    BRIEFING = "briefing", pgettext_lazy("agenda session kind", "Briefing")


class AgendaSession(Deletable):
    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    kind = models.CharField(_("kind"), max_length=32, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=200)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    facilitators = models.CharField(_("facilitators"), max_length=300, blank=True)
    room = models.CharField(
        _("room or track"),
        max_length=100,
        blank=True,
        help_text=_("Sessions in the same room or track should not overlap. Empty: plenary."),
    )
    interpreted_languages = models.JSONField(_("interpreted languages"), default=list, blank=True)
    position = models.PositiveIntegerField(_("order within the day"), default=0)

    class Meta:
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")
        ordering = ["starts_at", "position"]
        constraints = [
            FieldCheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                field="ends_at",
                violation_error_code="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class SiteVisit(Deletable):
    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="site_visits")
    programme = models.CharField(_("ATD programme visited"), max_length=200)  # translated
    host_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("host organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_visits",
    )
    place = models.CharField(_("place"), max_length=200)
    date = models.DateField(_("date"))
    learning = models.TextField(_("what participants saw and learned"), blank=True)  # translated
    session = models.OneToOneField(
        AgendaSession,
        verbose_name=_("agenda session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="site_visit",
    )

    class Meta:
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")
        ordering = ["date"]

    def __str__(self) -> str:
        return self.programme
