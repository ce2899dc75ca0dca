"""Ad-hoc messages from staff to a convening's invitees, and their deliveries (convenings/adhoc.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.deliveries import Delivery
from participants.models import Country, Participant

from .convening import Convening

# --- Ad-hoc messages (convenings/adhoc.py) ----------------------------------------------


class MessageAudience(models.TextChoices):
    ALL = "all", pgettext_lazy("message audience", "Everyone invited")
    NOT_REPLIED = "not_replied", pgettext_lazy("message audience", "Everyone who has not replied")
    ACCEPTED = "accepted", pgettext_lazy("message audience", "Everyone who accepted")


class Message(models.Model):
    """A message staff write to chosen invitees of a convening, in one or more languages.

    Subject and text are translated fields (convenings/translation.py); English is required,
    and a person whose language has no text gets the English one with a note."""

    convening = models.ForeignKey(
        Convening, verbose_name=_("convening"), on_delete=models.CASCADE, related_name="messages"
    )
    subject = models.CharField(_("subject"), max_length=200)  # translated
    body = models.TextField(_("text"))  # translated
    audience = models.CharField(_("to"), max_length=16, choices=MessageAudience.choices)
    # Empty: every country.
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), blank=True, related_name="+"
    )
    # The key of the form that sent it (common/sends.py): a repeated POST finds it.
    send_key = models.UUIDField(_("send key"), unique=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class MessageDeliveryStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("delivery status", "Queued")
    SENT = "sent", pgettext_lazy("delivery status", "Sent")
    FAILED = "failed", pgettext_lazy("delivery status", "Failed")


class MessageDelivery(Delivery):
    """One person's copy of a message: queued, then sent or failed (as a pack delivery)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="message_deliveries"
    )
    # language, attempts, queued_at, sent_at and last_error come from common.Delivery.
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MessageDeliveryStatus.choices,
        default=MessageDeliveryStatus.QUEUED,
    )

    class Meta:
        verbose_name = _("message delivery")
        verbose_name_plural = _("message deliveries")
        ordering = ["message", "participant__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "participant"],
                name="message_delivery_one_per_participant",
                violation_error_code="message_delivery_one_per_participant",
                violation_error_message=_("This person already has a delivery of this message."),
            )
        ]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.participant_id} ({self.status})"
