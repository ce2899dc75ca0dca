"""Invitations and replies, reminder sends, and the notices of a change sent to invitees."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.currencies import validate_currency
from participants.models import Participant
from platform_site.constraints import FieldCheckConstraint

from .convening import Convening


class InvitationStatus(models.TextChoices):
    INVITED = "invited", pgettext_lazy("invitation status", "Invited")
    ACCEPTED = "accepted", pgettext_lazy("invitation status", "Accepted")
    DECLINED = "declined", pgettext_lazy("invitation status", "Declined")
    ATTENDED = "attended", pgettext_lazy("invitation status", "Attended")
    NO_SHOW = "no_show", pgettext_lazy("invitation status", "Did not attend")
    # Said yes when the convening was full (convenings/logistics.py): waits for a place.
    WAITLISTED = "waitlisted", pgettext_lazy("invitation status", "On the waiting list")


class TravelMode(models.TextChoices):
    FLIGHT = "flight", _("Flight")
    TRAIN = "train", _("Train")
    ROAD = "road", _("Road")
    OTHER = "other", pgettext_lazy("travel mode", "Other")


class InvitationQuerySet(models.QuerySet):
    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)


class CurrentInvitations(models.Manager.from_queryset(InvitationQuerySet)):
    """The default manager: invitations not withdrawn. A withdrawn invitation keeps its
    reply and needs for the record but counts nowhere; joins from other models (e.g.
    `Count("invitations")`) must add `invitations__withdrawn_at__isnull=True` themselves."""

    def get_queryset(self):
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class Invitation(models.Model):
    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="invitations")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="invitations"
    )
    status = models.CharField(
        _("reply"),
        max_length=16,
        choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    interpretation_language = models.CharField(
        _("interpretation needed into"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    access_needs = models.TextField(_("access needs"), blank=True)
    dietary_needs = models.TextField(_("dietary needs"), blank=True)
    travel_support = models.BooleanField(_("travel support requested"), default=False)
    priorities = models.TextField(_("priorities for the agenda"), blank=True)
    chatham_house_accepted_at = models.DateTimeField(
        _("accepted the Chatham House Rule"), null=True, blank=True
    )
    # Travel and stay (convenings/logistics.py), entered by the participant with the reply
    # or by staff; times are instants shown in the venue's zone.
    arrival_at = models.DateTimeField(_("arrival"), null=True, blank=True)
    departure_at = models.DateTimeField(_("departure"), null=True, blank=True)
    travel_mode = models.CharField(
        _("travelling by"), max_length=16, choices=TravelMode.choices, blank=True
    )
    travel_details = models.CharField(_("flight number or details"), max_length=200, blank=True)
    # The nights of accommodation wanted, as ISO dates ("2026-05-04" = the night that
    # begins on 4 May), within the convening's dates and a day either side.
    nights = models.JSONField(_("accommodation nights"), default=list, blank=True)
    # Staff only: what the secretariat pays for this person, per person, never converted.
    support_granted = models.BooleanField(_("travel support granted"), default=False)
    support_amount = models.DecimalField(
        _("travel support amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    accommodation_amount = models.DecimalField(
        _("accommodation cost"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    cost_currency = models.CharField(
        _("currency of the per-person costs"),
        max_length=3,
        blank=True,
        validators=[validate_currency],
    )
    # The waiting list: its place is the order of `waitlisted_at` (then pk). Promotion
    # is a staff action; the e-mail telling the person is claimed through
    # `promotion_sent_at` so it goes out once.
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)
    promotion_sent_at = models.DateTimeField(_("promotion e-mail sent"), null=True, blank=True)
    invited_at = models.DateTimeField(auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Claimed by convenings.tasks.send_invitation so the invitation e-mail goes out once.
    invitation_sent_at = models.DateTimeField(_("invitation e-mail sent"), null=True, blank=True)
    # The last invitation or reminder e-mail that could not be sent, shown to staff on the
    # invitation list; cleared when one goes out.
    email_failed_at = models.DateTimeField(_("e-mail failed"), null=True, blank=True)
    email_error = models.CharField(_("e-mail error"), max_length=300, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    # When staff last asked for a reminder (set in the request, before the e-mail goes
    # out), so a second request soon after skips this person even while the first
    # reminder still waits in the queue. See services.send_reply_reminders.
    reminder_requested_at = models.DateTimeField(
        _("reminder last requested"), null=True, blank=True
    )
    # Withdrawn by staff (convenings/withdrawal.py): hidden by `objects`, shown to staff
    # from `all_objects` so it can be restored.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = CurrentInvitations()
    all_objects = models.Manager.from_queryset(InvitationQuerySet)()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["participant__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "convening"],
                name="invitation_unique_participant",
                violation_error_code="invitation_unique_participant",
                violation_error_message=_("This person is already invited to this convening."),
            )
        ]
        indexes = [models.Index(fields=["convening", "status"])]
        constraints += [
            FieldCheckConstraint(
                condition=models.Q(support_amount__gte=0) | models.Q(support_amount__isnull=True),
                name="invitation_support_amount_not_negative",
                field="support_amount",
                violation_error_code="invitation_support_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            FieldCheckConstraint(
                condition=models.Q(accommodation_amount__gte=0)
                | models.Q(accommodation_amount__isnull=True),
                name="invitation_accommodation_amount_not_negative",
                field="accommodation_amount",
                violation_error_code="invitation_accommodation_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            FieldCheckConstraint(
                condition=models.Q(arrival_at__isnull=True)
                | models.Q(departure_at__isnull=True)
                | models.Q(departure_at__gte=models.F("arrival_at")),
                name="invitation_departs_after_arrival",
                field="departure_at",
                violation_error_code="invitation_departs_after_arrival",
                violation_error_message=_("The departure must come after the arrival."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.convening}"


class ReminderBatch(models.Model):
    """One press of "Send a reminder": its unique key makes a repeated POST send nothing."""

    convening = models.ForeignKey(
        Convening, on_delete=models.CASCADE, related_name="reminder_batches"
    )
    send_key = models.UUIDField(_("send key"), unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    reminded = models.PositiveIntegerField(_("people reminded"), default=0)
    skipped_recent = models.PositiveIntegerField(
        _("people skipped as reminded recently"), default=0
    )

    class Meta:
        verbose_name = _("reminder batch")
        verbose_name_plural = _("reminder batches")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.convening_id} reminders {self.requested_at:%Y-%m-%d %H:%M}"


class NoticeKind(models.TextChoices):
    RESCHEDULED = "rescheduled", _("New dates")
    CANCELLED = "cancelled", pgettext_lazy("notice kind", "Cancellation")
    REINSTATED = "reinstated", _("Going ahead again")
    WITHDRAWN = "withdrawn", _("Invitation withdrawn")


class ConveningNotice(models.Model):
    """One notice to one invitee that a convening moved, was cancelled, or goes ahead
    after all (a cancellation undone).

    Unique per invitation, kind and calendar sequence: saving the same change twice finds
    the row and sends nothing more; `sent_at` is claimed by the sending task."""

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="notices")
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices)
    sequence = models.PositiveIntegerField()
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Not sent because a later change (new dates again, a cancellation) reached the
    # sending task first: that later notice tells the person everything.
    superseded = models.BooleanField(_("replaced by a later notice"), default=False)

    class Meta:
        verbose_name = _("notice of change")
        verbose_name_plural = _("notices of change")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "kind", "sequence"],
                name="notice_once_per_change",
                violation_error_code="notice_once_per_change",
                violation_error_message=_("This person has already been told about this change."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.invitation}"
