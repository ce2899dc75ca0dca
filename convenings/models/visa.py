"""Visa support: a participant's visa details, the letters staff generate, the letter's text.

Passport details are sensitive and short-lived. They are kept only until
VISA_DETAILS_KEEP_DAYS after the convening ends (`convenings.remove_expired_visa_details`,
nightly), never written to logs or the audit log (entries name the fields, not the values),
and shown only to the person and to staff. Both models carry the participant as well as
the invitation so that "my data" and erasure (accounts/personal_data.py finds every row
pointing at a participant) find them without code of their own there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from participants.models import Participant

from .invitations import Invitation


class VisaDetails(models.Model):
    """What a visa letter needs to know about one invitee."""

    # Erasure clears these on the person's own row (and convenings' erasure receiver then
    # deletes the row and the letters outright).
    PERSONAL_TEXT_FIELDS = ("passport_name", "passport_number", "nationality")

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="visa_details"
    )
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    visa_needed = models.BooleanField(_("I need a visa to enter the host country"), default=False)
    letter_requested = models.BooleanField(
        _("Please prepare a letter of invitation for my visa application"), default=False
    )
    # ISO 3166-1 alpha-2, checked against the list the form offers (convenings/visa.py).
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    passport_name = models.CharField(_("name as in the passport"), max_length=200, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=30, blank=True)
    passport_expiry = models.DateField(_("passport valid until"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("visa details")
        verbose_name_plural = _("visa details")

    def __str__(self) -> str:
        # Never the passport name: this label goes into the audit log.
        return f"Visa details of invitation {self.invitation_id}"


class Payer(models.TextChoices):
    ORGANISERS = "organisers", _("the organisers")
    PARTICIPANT = "participant", _("the participant or their organisation")


class VisaLetter(models.Model):
    """One generated letter of invitation (a stored PDF). The same inputs give the same
    letter: `inputs_digest` is unique per invitation, so a second click finds the first."""

    # A stored PDF and its choices; erasure and the retention task delete the row.
    PERSONAL_TEXT_FIELDS = ()

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="visa_letters"
    )
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    inputs_digest = models.CharField(max_length=64, editable=False)
    second_language = models.CharField(_("second language"), max_length=10, blank=True)
    travel_paid_by = models.CharField(_("travel paid by"), max_length=16, choices=Payer.choices)
    accommodation_paid_by = models.CharField(
        _("accommodation paid by"), max_length=16, choices=Payer.choices
    )
    meals_paid_by = models.CharField(_("meals paid by"), max_length=16, choices=Payer.choices)
    signatory_name = models.CharField(_("signed by"), max_length=200)
    signatory_title = models.CharField(_("title of the signatory"), max_length=200)
    file = models.FileField(_("letter"), upload_to="visa_letters/", max_length=200)
    generated_at = models.DateTimeField(_("generated at"), auto_now_add=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("visa letter")
        verbose_name_plural = _("visa letters")
        ordering = ["-generated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "inputs_digest"],
                name="visa_letter_once_per_inputs",
                violation_error_code="visa_letter_once_per_inputs",
                violation_error_message=_("This letter was already made with the same text today."),
            )
        ]

    def __str__(self) -> str:
        return f"Visa letter {self.pk} of invitation {self.invitation_id}"


class VisaLetterTemplate(models.Model):
    """The letter's text, one row, translated per language (modeltranslation: body_en,
    body_ind, body_ms, body_th). Placeholders in braces are filled in when a letter is made
    (`convenings.visa.PLACEHOLDERS`)."""

    body = models.TextField(_("letter text"))  # translated
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("visa letter text")
        verbose_name_plural = _("visa letter texts")

    def __str__(self) -> str:
        return "Visa letter text"
