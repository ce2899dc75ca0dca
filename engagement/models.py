"""Between meetings: non-attributed notes, follow-up actions, sent follow-ups, feedback.

Chatham House rules shape these models. Notes have no speaker field. A feedback response
has no link to its author: no foreign key, no user id, a random primary key (so its
position in an id sequence says nothing) and the date only. Who has answered is kept
apart, in `FeedbackReceipt`, which says nothing about what they answered.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.deletion import Deletable
from common.translation import localized
from convenings.models import AgendaSession, Convening
from participants.models import Country, Participant
from platform_site.constraints import FieldCheckConstraint


class NotesStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("notes status", "Draft")
    PUBLISHED = "published", pgettext_lazy("notes status", "Published")


class MeetingNote(Deletable):
    """Key points and agreed next steps of a convening or of one of its sessions."""

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="notes")
    session = models.ForeignKey(
        AgendaSession,
        verbose_name=_("agenda session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
        help_text=_("Leave empty for notes on the whole convening."),
    )
    key_points = models.TextField(_("key points"), blank=True)  # translated
    next_steps = models.TextField(_("agreed next steps"), blank=True)  # translated
    status = models.CharField(
        _("status"), max_length=16, choices=NotesStatus.choices, default=NotesStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting notes")
        verbose_name_plural = _("meeting notes")
        ordering = ["convening", "session__starts_at", "pk"]
        indexes = [models.Index(fields=["convening", "status"])]

    def __str__(self) -> str:
        if self.session_id:
            return f"{self.convening} · {self.session}"
        return str(self.convening)

    @property
    def is_published(self) -> bool:
        return self.status == NotesStatus.PUBLISHED

    def languages_written(self) -> list[str]:
        """Codes of the languages with any text, e.g. ["en", "th"]."""
        return [
            code
            for code, _name in settings.LANGUAGES
            if getattr(self, localized("key_points", code), "")
            or getattr(self, localized("next_steps", code), "")
        ]


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action status", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
    DONE = "done", pgettext_lazy("action status", "Done")
    DROPPED = "dropped", pgettext_lazy("action status", "Dropped")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class FollowUpAction(Deletable):
    """Something agreed at a convening: who does what, for which country, by when."""

    convening = models.ForeignKey(
        Convening, on_delete=models.CASCADE, related_name="followup_actions"
    )
    title = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        Participant,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followup_actions",
    )
    owned_by_secretariat = models.BooleanField(_("the secretariat owns it"), default=False)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followup_actions",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["owner", "status"]),
        ]
        constraints = [
            # Exactly one owner: a participant, or the secretariat.
            FieldCheckConstraint(
                condition=(
                    models.Q(owner__isnull=False, owned_by_secretariat=False)
                    | models.Q(owner__isnull=True, owned_by_secretariat=True)
                ),
                name="followupaction_one_owner",
                field="owner",
                violation_error_code="followupaction_one_owner",
                violation_error_message=_(
                    "Choose either a participant or the secretariat as the owner, not both."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    @property
    def is_overdue(self) -> bool:
        """Open and due before today: the rule `selectors.overdue_actions` selects by, for
        templates, which print it and no longer compare dates themselves."""
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()


class ActionUpdate(models.Model):
    """A progress note on an action, by its owner or by staff."""

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField(_("progress"), blank=True)
    status = models.CharField(
        _("status set to"), max_length=16, choices=ActionStatus.choices, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    # The author's own words: erasing them clears the text (accounts.personal_data).
    PERSONAL_TEXT_FIELDS = ("text",)

    class Meta:
        verbose_name = _("action update")
        verbose_name_plural = _("action updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} · {self.created_at:%Y-%m-%d}"


class MessageKind(models.TextChoices):
    FOLLOWUP = "followup", _("Follow-up after the convening")
    ACTION_DUE = "action_due", _("Action due soon")
    ACTION_OVERDUE = "action_overdue", _("Action overdue")
    RSVP_REMINDER = "rsvp_reminder", _("Reminder to reply")
    STAFF_DIGEST = "staff_digest", _("Weekly staff digest")


class MessageStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("message status", "Queued")
    SENDING = "sending", pgettext_lazy("message status", "Sending")
    SENT = "sent", pgettext_lazy("message status", "Sent")
    FAILED = "failed", pgettext_lazy("message status", "Failed")
    SKIPPED = "skipped", pgettext_lazy("message status", "Not sent")


class FollowUpMessage(models.Model):
    """One automatic message. The unique `key` is what makes each one go out at most once."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=MessageKind.choices)
    convening = models.ForeignKey(
        Convening, on_delete=models.CASCADE, null=True, blank=True, related_name="followup_messages"
    )
    action = models.ForeignKey(
        FollowUpAction, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up message")
        verbose_name_plural = _("follow-up messages")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["convening", "-created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.key


class FeedbackResponse(models.Model):
    """What one attendee thought of a convening. Deliberately says nothing about who.

    No foreign key to a person or account, a random UUID key rather than a counter that
    could be lined up with `FeedbackReceipt` ids, and a date rather than a timestamp.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    convening = models.ForeignKey(
        Convening, on_delete=models.CASCADE, related_name="feedback_responses"
    )
    what_to_change = models.TextField(_("what should we change?"), blank=True)
    priorities = models.TextField(_("priorities for next time"), blank=True)
    submitted_on = models.DateField(_("submitted on"))

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")
        # Random order on purpose: insertion order would hint at who answered when.
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.convening} · {self.submitted_on}"


class SessionRating(models.Model):
    """Usefulness of one agenda session, 1 (not useful) to 5 (very useful), in one response."""

    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="ratings")
    session = models.ForeignKey(AgendaSession, on_delete=models.CASCADE, related_name="ratings")
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("session rating")
        verbose_name_plural = _("session ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "session"],
                name="rating_once_per_session",
                violation_error_code="rating_once_per_session",
                violation_error_message=_("This session is already rated in this response."),
            ),
            FieldCheckConstraint(
                condition=models.Q(usefulness__gte=1, usefulness__lte=5),
                name="rating_usefulness_1_to_5",
                field="usefulness",
                violation_error_code="rating_usefulness_1_to_5",
                violation_error_message=_("Ratings go from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.usefulness}"


class FeedbackReceipt(models.Model):
    """That this participant has given feedback on this convening, and nothing about what.

    No link to the response, and no date: a date here and the date on a response would
    together point at the author when few people answer on the same day.
    """

    convening = models.ForeignKey(
        Convening, on_delete=models.CASCADE, related_name="feedback_receipts"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="feedback_receipts"
    )

    class Meta:
        verbose_name = _("feedback receipt")
        verbose_name_plural = _("feedback receipts")
        constraints = [
            models.UniqueConstraint(
                fields=["convening", "participant"],
                name="feedback_once_per_participant",
                violation_error_code="feedback_once_per_participant",
                violation_error_message=_("You have already given feedback on this convening."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.convening}"
