"""The participant directory: countries, organisations and the people in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.zones import get_zone, validate_zone


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia")
    INTERNATIONAL = "international", _("International organisation")
    LIVED_EXPERIENCE = "lived_experience", _("Lived-experience network")


class Visibility(models.TextChoices):
    NAMED = "named", _("Named")
    PSEUDONYMOUS = "pseudonymous", _("Pseudonymous")
    HIDDEN = "hidden", _("Hidden")


class ExpertiseLevel(models.TextChoices):
    NEW = "new", pgettext_lazy("expertise level", "New to ATD")
    EXPERIENCED = "experienced", pgettext_lazy("expertise level", "Experienced")
    EXPERT = "expert", pgettext_lazy("expertise level", "Expert")


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)  # translated
    is_member = models.BooleanField(_("member country"), default=False)
    joined_year = models.PositiveSmallIntegerField(_("joined in"), null=True, blank=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"],
                name="organisation_unique_name_country",
                violation_error_code="organisation_unique_name_country",
                violation_error_message=_(
                    "An organisation with this name is already listed for this country."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ParticipantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to_participants(self):
        """Never a hidden person: for every page, file or export a participant can reach."""
        return self.exclude(visibility=Visibility.HIDDEN)


class Participant(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    display_name = models.CharField(
        _("display name"),
        max_length=120,
        help_text=_("The name other participants see. For pseudonymous participants, a pseudonym."),
    )
    other_names = models.CharField(
        _("name in other scripts"),
        max_length=300,
        blank=True,
        help_text=_(
            "The name as written in other scripts (Thai, for example), separated by "
            "semicolons. Used only to keep protected names out of texts."
        ),
    )
    email = models.EmailField(_("e-mail address"), unique=True)
    visibility = models.CharField(
        _("visibility to other participants"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.NAMED,
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="participants"
    )
    # Proposed from the country when the record is made (participants.services); editable
    # in "My profile". Reminders go out in the morning of this zone.
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_zone]
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    position = models.CharField(_("position"), max_length=200, blank=True)
    expertise_level = models.CharField(
        _("expertise level"),
        max_length=16,
        choices=ExpertiseLevel.choices,
        default=ExpertiseLevel.EXPERIENCED,
    )
    lived_experience = models.BooleanField(_("lived experience of detention"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    notes = models.TextField(_("secretariat notes"), blank=True)

    # Consents: a flag plus the date it was last given or withdrawn.
    consent_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    consent_contact_at = models.DateTimeField(_("contact consent changed"), null=True, blank=True)
    consent_named_in_reports = models.BooleanField(
        _("agrees to be named in reports"), default=False
    )
    consent_named_in_reports_at = models.DateTimeField(
        _("report consent changed"), null=True, blank=True
    )
    consent_quoted = models.BooleanField(_("agrees to be quoted"), default=False)
    consent_quoted_at = models.DateTimeField(_("quote consent changed"), null=True, blank=True)
    consent_photographed = models.BooleanField(_("agrees to be photographed"), default=False)
    consent_photographed_at = models.DateTimeField(
        _("photo consent changed"), null=True, blank=True
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    CONSENT_FIELDS = (
        "consent_contact",
        "consent_named_in_reports",
        "consent_quoted",
        "consent_photographed",
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["full_name"]
        indexes = [
            models.Index(fields=["country", "sector"]),
            models.Index(fields=["is_active", "full_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def zone(self):
        """The person's zone (the platform's default while none is stored)."""
        return get_zone(self.time_zone)

    @property
    def is_named(self) -> bool:
        return self.visibility == Visibility.NAMED

    @property
    def exposure_rank(self) -> int:
        """0 named, 1 pseudonymous, 2 hidden: the order in which a sample person is picked
        for a preview staff see (common/sends.py), least protected first."""
        return {Visibility.NAMED: 0, Visibility.PSEUDONYMOUS: 1}.get(self.visibility, 2)

    def public_name(self) -> str:
        """The name another participant may see (callers must already exclude hidden people)."""
        return (
            self.display_name
            if self.visibility != Visibility.NAMED
            else (self.display_name or self.full_name)
        )


class ErasedName(models.Model):
    """A keyed hash of one form of an erased person's name (see `participants.protection`).

    The name itself is gone from every table; the hash lets the platform still find it in
    text written before or after the erasure, and never print it.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="erased_names"
    )
    digest = models.CharField(max_length=64, db_index=True)

    # Never part of anyone's data export: it is what protects them.
    PERSONAL_DATA_EXPORT = False

    class Meta:
        verbose_name = _("erased name")
        verbose_name_plural = _("erased names")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "digest"],
                name="erased_name_once",
                violation_error_code="erased_name_once",
                violation_error_message=_("This erased name is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"erased name of participant {self.participant_id}"


class ProtectionFlag(models.Model):
    """Something already shown to participants that now identifies someone.

    Raised by the re-check after an invitation, a change of visibility or consent, or an
    erasure (`participants.protection_services.recheck`). While open, the object is kept
    from participants (notes are unpublished; agenda sessions, site visits and actions are
    withheld) and staff see it listed with the reason.
    """

    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    field = models.CharField(_("field"), max_length=64)
    reason = models.CharField(_("reason"), max_length=32)
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    label = models.CharField(_("object"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    PERSONAL_DATA_EXPORT = False

    class Meta:
        verbose_name = _("protection flag")
        verbose_name_plural = _("protection flags")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["object_type", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} {self.field}"
