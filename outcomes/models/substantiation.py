"""Substantiation: people independent of the platform say whether they agree with an outcome.

One `Substantiator` row per outcome and person asked: a participant of the directory, or
someone outside it known only by name, e-mail address and language (no account). The row
holds the one answer the person may give through their signed link; `answered_at` set
means the link is used up. The state of an outcome (substantiated, contested...) follows
from these rows only: `outcomes.substantiation_selectors.substantiation_state`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participants.models import Participant

from .outcomes import Outcome


class Agreement(models.TextChoices):
    FULLY = "fully", pgettext_lazy("agreement", "Fully")
    PARTLY = "partly", pgettext_lazy("agreement", "Partly")
    NOT_AT_ALL = "not_at_all", pgettext_lazy("agreement", "Not at all")


class SubstantiationMailStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("substantiation e-mail", "Queued")
    SENT = "sent", pgettext_lazy("substantiation e-mail", "Sent")
    FAILED = "failed", pgettext_lazy("substantiation e-mail", "Failed")


class Substantiator(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="substantiators")
    # A participant of the directory, or nobody (an outside person: name and e-mail below).
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="substantiations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    # The address casefolded: one person is asked once per outcome, however it was typed.
    email_key = models.CharField(max_length=254, editable=False)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    mail_status = models.CharField(
        _("e-mail"),
        max_length=8,
        choices=SubstantiationMailStatus.choices,
        default=SubstantiationMailStatus.QUEUED,
    )
    mail_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(_("asked on"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded on"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    # The answer, given once through the link.
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    agreement = models.CharField(
        _("agreement"), max_length=16, choices=Agreement.choices, blank=True
    )
    changes = models.TextField(_("what they would change"), blank=True)
    knows_contribution = models.BooleanField(
        _("knows of the platform's contribution"), null=True, blank=True
    )
    contribution_note = models.TextField(_("how they know of it"), blank=True)
    may_be_named = models.BooleanField(_("may be named as a substantiator"), default=False)

    class Meta:
        verbose_name = _("substantiator")
        verbose_name_plural = _("substantiators")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "email_key"],
                name="substantiator_once_per_outcome_email",
                violation_error_code="substantiator_once_per_outcome_email",
                violation_error_message=_(
                    "Someone with this e-mail address was already asked about this outcome."
                ),
            ),
            models.UniqueConstraint(
                fields=["outcome", "participant"],
                condition=models.Q(participant__isnull=False),
                name="substantiator_once_per_outcome_participant",
                violation_error_code="substantiator_once_per_outcome_participant",
                violation_error_message=_("This participant was already asked about this outcome."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_outside(self) -> bool:
        return self.participant_id is None
