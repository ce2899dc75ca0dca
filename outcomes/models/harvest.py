"""Outcome harvesting: changes participants report from the portal, and the e-mails about them.

An `OutcomeSubmission` is a participant's account of a change (what, who, when, where, why it
matters, how the platform contributed, evidence, how they may be credited). Staff review it:
accepted, it becomes an `Outcome` (`outcome` set); merged, it is a source of an existing one;
or staff ask for changes, or decline it with a note the participant reads on the portal.

A `HarvestMessage` is one e-mail of harvesting (an invitation to report outcomes, the news
that a submission was declined or needs changes), sent at most once: its `key` is unique,
and an invitation is unique per person and period as well.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convenings.models import Convening
from participants.models import Country, Participant

from .outcomes import Outcome


class ActorKind(models.TextChoices):
    GOVERNMENT = "government", _("A government body or official")
    PARLIAMENT = "parliament", _("A parliament or court")
    CIVIL_SOCIETY = "civil_society", _("A civil society organisation")
    INTERNATIONAL = "international", _("An international or regional organisation")
    COMMUNITY = "community", _("A community or group of people")
    OTHER = "other", pgettext_lazy("actor", "Other")


class Credit(models.TextChoices):
    NAMED = "named", _("By my name")
    DESCRIBED = "described", _("Described, not named")
    NONE = "none", _("Not at all")


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("submission status", "Waiting for review")
    CHANGES_REQUESTED = "changes", pgettext_lazy("submission status", "Changes asked for")
    ACCEPTED = "accepted", pgettext_lazy("submission status", "Accepted as an outcome")
    MERGED = "merged", pgettext_lazy("submission status", "Added to an outcome")
    DECLINED = "declined", pgettext_lazy("submission status", "Declined")


# A participant may still edit these; staff review those waiting.
EDITABLE_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.CHANGES_REQUESTED)
OPEN_STATUSES = (SubmissionStatus.SUBMITTED,)


class OutcomeSubmission(models.Model):
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="outcome_submissions",
    )
    what_changed = models.TextField(_("what changed"))
    actor_kind = models.CharField(_("who changed"), max_length=16, choices=ActorKind.choices)
    who_changed = models.CharField(_("which body or group"), max_length=300)
    date = models.DateField(_("when"))
    country = models.ForeignKey(
        Country,
        verbose_name=_("where"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    significance = models.TextField(_("why it matters"))
    contribution = models.TextField(_("how the platform contributed"))
    convenings = models.ManyToManyField(
        Convening, verbose_name=_("convenings"), blank=True, related_name="outcome_submissions"
    )
    evidence_url = models.URLField(_("evidence: a link"), blank=True)
    evidence_file = models.FileField(
        _("evidence: a file"), upload_to="outcomes/harvest/%Y/", blank=True
    )
    credit = models.CharField(_("credit"), max_length=16, choices=Credit.choices)
    # The language they wrote in (the portal's when they sent it).
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    staff_note = models.TextField(_("note from the secretariat"), blank=True)
    outcome = models.ForeignKey(
        Outcome,
        verbose_name=_("outcome"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    # The portal form's key: a double click or a replayed POST makes one submission.
    create_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    # Counts the staff's requests for changes: each one is e-mailed once.
    review_round = models.PositiveSmallIntegerField(default=0)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The author's own words: erasing them clears these (accounts.personal_data), the row
    # stays for the figures. The text fields are required on the form, not in the database.
    PERSONAL_TEXT_FIELDS = (
        "what_changed",
        "who_changed",
        "significance",
        "contribution",
        "evidence_url",
        "staff_note",
    )

    class Meta:
        verbose_name = _("outcome submitted by a participant")
        verbose_name_plural = _("outcomes submitted by participants")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return (self.what_changed or "").strip().splitlines()[0][:80] if self.what_changed else ""

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def note_for_participant(self) -> str:
        """The secretariat's note the participant is shown: when it asked for changes or
        declined. A note left from an earlier round of changes is not shown once they sent
        their edit again."""
        if self.status in (SubmissionStatus.CHANGES_REQUESTED, SubmissionStatus.DECLINED):
            return self.staff_note
        return ""

    @property
    def is_in_record(self) -> bool:
        """Accepted as an outcome or added to one: part of the platform's record."""
        return self.status in (SubmissionStatus.ACCEPTED, SubmissionStatus.MERGED)

    @property
    def evidence_file_name(self) -> str:
        return self.evidence_file.name.rsplit("/", 1)[-1] if self.evidence_file else ""


class HarvestMessageKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation to report outcomes")
    DECLINED = "declined", _("Submission declined")
    CHANGES = "changes", _("Changes asked for")


class HarvestMessageStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("message status", "Queued")
    SENDING = "sending", pgettext_lazy("message status", "Sending")
    SENT = "sent", pgettext_lazy("message status", "Sent")
    FAILED = "failed", pgettext_lazy("message status", "Failed")
    SKIPPED = "skipped", pgettext_lazy("message status", "Skipped")


class HarvestMessage(models.Model):
    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=16, choices=HarvestMessageKind.choices)
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="harvest_messages"
    )
    submission = models.ForeignKey(
        OutcomeSubmission, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    # Invitations: the first day of the period ("every HARVEST_INVITATION_MONTHS months").
    period = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        max_length=16, choices=HarvestMessageStatus.choices, default=HarvestMessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "period"],
                condition=models.Q(kind="invitation"),
                name="harvest_invitation_once_per_period",
                violation_error_code="harvest_invitation_once_per_period",
                violation_error_message=_("This person was already invited in this period."),
            )
        ]

    def __str__(self) -> str:
        return self.key
