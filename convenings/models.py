"""Convenings and what happens at them: invitations, agenda sessions, site visits, costs."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.deletion import Deletable
from common.deliveries import Delivery
from participants.models import Country, Organisation, Participant
from platform_site.constraints import FieldCheckConstraint
from platform_site.zones import get_zone, validate_zone


class ConveningFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class ConveningStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("convening status", "Planned")
    OPEN = "open", pgettext_lazy("convening status", "Open for replies")
    HELD = "held", pgettext_lazy("convening status", "Held")
    CANCELLED = "cancelled", pgettext_lazy("convening status", "Cancelled")


class Convening(models.Model):
    title = models.CharField(_("title"), max_length=200)  # translated
    host_country = models.ForeignKey(
        Country, verbose_name=_("host country"), on_delete=models.PROTECT, related_name="convenings"
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)  # translated
    venue_address = models.TextField(_("venue address"), blank=True)
    # The venue's IANA zone: agenda and site-visit times are entered and shown in it.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_zone],
        help_text=_(
            "The zone of the venue (for an online convening, the zone its times are given in)."
        ),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    format = models.CharField(
        _("format"),
        max_length=16,
        choices=ConveningFormat.choices,
        default=ConveningFormat.IN_PERSON,
    )
    chatham_house = models.BooleanField(
        _("held under the Chatham House Rule"),
        default=True,
        help_text=_(
            "Participants may use what is said, but not reveal who said it or their affiliation."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ConveningStatus.choices, default=ConveningStatus.PLANNED
    )
    interpretation_languages = models.JSONField(
        _("interpretation languages"),
        default=list,
        blank=True,
        help_text=_("Language codes offered with live interpretation."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    cost_travel = models.DecimalField(
        _("travel cost"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    cost_venue = models.DecimalField(
        _("venue cost"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    cost_interpretation = models.DecimalField(
        _("interpretation cost"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    cost_other = models.DecimalField(
        _("other costs"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    followups_paused = models.BooleanField(_("automatic follow-ups paused"), default=False)
    # The iCalendar SEQUENCE: grows with every change of dates, zone, agenda or status, so
    # calendar programs replace the copy they hold.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The key of the form that created it, unique: a repeated POST creates nothing more
    # (platform_site/once.py).
    create_key = models.UUIDField(_("form key"), unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("convening")
        verbose_name_plural = _("convenings")
        ordering = ["-start_date"]
        indexes = [
            models.Index(fields=["start_date"]),
            models.Index(fields=["status", "start_date"]),
        ]
        constraints = [
            FieldCheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="convening_ends_after_start",
                field="end_date",
                violation_error_code="convening_ends_after_start",
                violation_error_message=_("The convening cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self):
        return get_zone(self.time_zone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == ConveningStatus.CANCELLED

    def place(self, *, venue: bool = False, address: bool = False) -> str:
        """Where it happens, on one line, in the active language: "Online", or
        "[venue, ][address, ]city, country" (the one place line of every page, e-mail
        subject line and calendar file; reads host_country, so select it with the convening)."""
        if self.format == ConveningFormat.ONLINE:
            return str(_("Online"))
        parts = (
            self.venue_name if venue else "",
            " ".join(self.venue_address.split()) if address else "",
            self.city,
            self.host_country.name,
        )
        return ", ".join(part for part in parts if part)

    @property
    def place_label(self) -> str:
        """City and country, or "Online"."""
        return self.place()

    @property
    def venue_label(self) -> str:
        """Venue, city and country, or "Online"."""
        return self.place(venue=True)

    @property
    def total_cost(self) -> Decimal:
        return self.cost_travel + self.cost_venue + self.cost_interpretation + self.cost_other


class InvitationStatus(models.TextChoices):
    INVITED = "invited", pgettext_lazy("invitation status", "Invited")
    ACCEPTED = "accepted", pgettext_lazy("invitation status", "Accepted")
    DECLINED = "declined", pgettext_lazy("invitation status", "Declined")
    ATTENDED = "attended", pgettext_lazy("invitation status", "Attended")
    NO_SHOW = "no_show", pgettext_lazy("invitation status", "Did not attend")


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
    # The key of the form that sent it (platform_site/sends.py): a repeated POST finds it.
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
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MessageDeliveryStatus.choices,
        default=MessageDeliveryStatus.QUEUED,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

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
