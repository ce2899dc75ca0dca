"""Outcomes the platform contributed to, challenges and lessons, and the reports built from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.deletion import Deletable
from convenings.models import Convening
from participants.models import Country, Participant
from platform_site.constraints import FieldCheckConstraint


class Framework(models.TextChoices):
    GCM = "gcm", _("Global Compact for Migration")
    ASEAN = "asean", _("ASEAN Declaration on the Rights of Children in the Context of Migration")


class FrameworkCommitment(models.Model):
    """One objective or commitment of an international framework, kept as a managed list."""

    framework = models.CharField(_("framework"), max_length=16, choices=Framework.choices)
    code = models.CharField(
        _("code"), max_length=32, unique=True, help_text=_('A short reference, e.g. "GCM 13".')
    )
    title = models.CharField(_("title"), max_length=300)  # translated
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("framework commitment")
        verbose_name_plural = _("framework commitments")
        ordering = ["framework", "position", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class OutcomeKind(models.TextChoices):
    NATIONAL_REFORM = "national_reform", _("National reform")
    POLICY_CHAMPION = "policy_champion", _("Policy champion")
    COLLABORATION = "collaboration", _("Government–civil society collaboration")  # noqa: RUF001
    REGIONAL_COOPERATION = "regional_cooperation", _("Regional cooperation")


class Verification(models.TextChoices):
    REPORTED = "reported", pgettext_lazy("verification status", "Reported")
    SUBSTANTIATED = "substantiated", pgettext_lazy("verification status", "Substantiated")


class Outcome(Deletable):
    kind = models.CharField(_("kind of outcome"), max_length=32, choices=OutcomeKind.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    is_regional = models.BooleanField(
        _("regional"), default=False, help_text=_("The change spans the region, not one country.")
    )
    date = models.DateField(_("date of the change"))
    title = models.CharField(_("title"), max_length=250)  # translated
    what_changed = models.TextField(_("what changed"))  # translated
    who_changed = models.TextField(
        _("who changed it"),
        blank=True,
        help_text=_("Institutions and roles. Name people only as champions, below."),
    )  # translated
    significance = models.TextField(_("significance"), blank=True)  # translated
    contribution = models.TextField(_("the platform's contribution"), blank=True)  # translated
    # Since substantiation (issue 17): what staff recorded before outcomes were put to
    # substantiators. Kept as history, shown read-only; no figure or state is taken from it
    # (outcomes/substantiation_selectors.py).
    verification = models.CharField(
        _("staff assessment before substantiation"),
        max_length=16,
        choices=Verification.choices,
        default=Verification.REPORTED,
    )
    champions = models.ManyToManyField(
        Participant, verbose_name=_("champions"), blank=True, related_name="championed_outcomes"
    )
    convenings = models.ManyToManyField(
        Convening, verbose_name=_("linked convenings"), blank=True, related_name="outcomes"
    )
    frameworks = models.ManyToManyField(
        FrameworkCommitment,
        verbose_name=_("framework alignment"),
        blank=True,
        related_name="outcomes",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The key of the form that created it, unique: a repeated POST creates nothing more
    # (common/once.py).
    create_key = models.UUIDField(_("form key"), unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["kind", "date"]), models.Index(fields=["date"])]
        constraints = [
            # Exactly one of: a country, or the regional flag.
            FieldCheckConstraint(
                condition=(
                    models.Q(is_regional=True, country__isnull=True)
                    | models.Q(is_regional=False, country__isnull=False)
                ),
                name="outcome_country_xor_regional",
                field="country",
                violation_error_code="outcome_country_xor_regional",
                violation_error_message=_(
                    "Choose a country, or mark the outcome as regional, but not both."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title


class EvidenceKind(models.TextChoices):
    LINK = "link", pgettext_lazy("evidence kind", "Link")
    FILE = "file", pgettext_lazy("evidence kind", "File")
    NOTE = "note", pgettext_lazy("evidence kind", "Note")


class OutcomeEvidence(Deletable):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=8, choices=EvidenceKind.choices)
    description = models.CharField(_("description"), max_length=250, blank=True)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="outcomes/evidence/%Y/", blank=True)
    note = models.TextField(_("note"), blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.description or self.get_kind_display()


class ChallengeCategory(models.TextChoices):
    CONTEXTS = "contexts", _("National contexts and expertise levels")
    BETWEEN_MEETINGS = "between_meetings", _("Engagement between meetings")
    RESOURCES = "resources", _("Resources")
    LIVED_EXPERIENCE = "lived_experience", _("Lived-experience participation")
    OTHER = "other", pgettext_lazy("challenge category", "Other")


class ChallengeLesson(models.Model):
    category = models.CharField(_("category"), max_length=32, choices=ChallengeCategory.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    what_happened = models.TextField(_("what happened"))  # translated
    response = models.TextField(_("the response and the lesson"), blank=True)  # translated
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("challenge or lesson")
        verbose_name_plural = _("challenges and lessons")
        ordering = ["-year", "category", "pk"]

    def __str__(self) -> str:
        return f"{self.year} · {self.get_category_display()}"


class ReportKind(models.TextChoices):
    ANNUAL = "annual", _("Annual progress report")
    FIVE_YEAR = "five_year", _("Five-year summary")


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("report status", "Queued")
    RENDERING = "rendering", pgettext_lazy("report status", "Rendering")
    DONE = "done", pgettext_lazy("report status", "Ready")
    FAILED = "failed", pgettext_lazy("report status", "Failed")


class ReportFailure(models.TextChoices):
    """Why a report failed, said to the admin in their own language."""

    TIME_LIMIT = (
        "time_limit",
        _(
            "Rendering took longer than the time allowed. A shorter period renders faster; "
            "or try again when the platform is less busy."
        ),
    )
    STORAGE = "storage", _("The file was rendered but could not be saved. Try again later.")
    DATA = (
        "data",
        _(
            "Some of the records could not be written into this format. The technical detail "
            "below tells the platform's maintainers which."
        ),
    )
    UNEXPECTED = (
        "unexpected",
        _(
            "An unexpected error stopped the rendering. The technical detail below is for the "
            "platform's maintainers."
        ),
    )


def period_label(start_year: int, end_year: int) -> str:
    """A report's period as printed: "2023", or the two years joined by an en dash."""
    if start_year == end_year:
        return str(start_year)
    return f"{start_year}\u2013{end_year}"


class StoredReport(models.Model):
    kind = models.CharField(_("kind of report"), max_length=16, choices=ReportKind.choices)
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    format = models.CharField(
        _("format"), max_length=8, choices=ReportFormat.choices, default=ReportFormat.PDF
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("generated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    error = models.TextField(_("error"), blank=True)  # technical detail, in English
    failure = models.CharField(
        _("why it failed"), max_length=16, choices=ReportFailure.choices, blank=True
    )
    # Something the report counted was deleted, restored or withdrawn after it was made
    # (operations.trash): the file stays as it was; the reports page says it is outdated.
    outdated_at = models.DateTimeField(_("outdated since"), null=True, blank=True)

    class Meta:
        verbose_name = _("stored report")
        verbose_name_plural = _("stored reports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            FieldCheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="report_period_ordered",
                field="end_year",
                violation_error_code="report_period_ordered",
                violation_error_message=_("The last year must not be before the first."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_label}"

    @property
    def period_label(self) -> str:
        return period_label(self.start_year, self.end_year)

    @property
    def is_pending(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RENDERING)

    def download_name(self) -> str:
        kind = "annual-report" if self.kind == ReportKind.ANNUAL else "five-year-summary"
        period = (
            str(self.start_year)
            if self.start_year == self.end_year
            else f"{self.start_year}-{self.end_year}"
        )
        return f"{kind}-{period}-{self.language}.{self.format}"
