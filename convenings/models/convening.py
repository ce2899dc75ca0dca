"""The convening: where and when it is held, its format, status, interpretation and costs."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.currencies import validate_currency
from common.zones import get_zone, validate_zone
from participants.models import Country
from platform_site.constraints import FieldCheckConstraint


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
    currency = models.CharField(
        _("currency"), max_length=3, default="USD", validators=[validate_currency]
    )
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
    # Replies close after this day at the venue (convenings/logistics.py, permissions).
    reply_deadline = models.DateField(
        _("reply deadline"),
        null=True,
        blank=True,
        help_text=_("The last day replies are taken, at the venue. Leave empty for none."),
    )
    # Beyond this many yes-sayers, a yes goes to the waiting list.
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("How many people can take part. Leave empty for no limit."),
    )
    followups_paused = models.BooleanField(_("automatic follow-ups paused"), default=False)
    # The iCalendar SEQUENCE: grows with every change of dates, zone, agenda or status, so
    # calendar programs replace the copy they hold.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The key of the form that created it, unique: a repeated POST creates nothing more
    # (common/once.py).
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
