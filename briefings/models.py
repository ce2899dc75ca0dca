"""Briefings, their per-language files, briefing packs, pack deliveries and the download log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.deletion import Deletable
from common.deliveries import Delivery
from common.translation import localized
from convenings.models import Convening
from participants.models import Participant

TRANSLATED_FIELDS = ("title", "summary", "body")


class BriefingStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("briefing status", "Draft")
    PUBLISHED = "published", pgettext_lazy("briefing status", "Published")


class Briefing(Deletable):
    title = models.CharField(_("title"), max_length=200)  # translated
    summary = models.TextField(_("summary"), blank=True)  # translated
    body = models.TextField(_("text"), blank=True)  # translated
    status = models.CharField(
        _("status"), max_length=16, choices=BriefingStatus.choices, default=BriefingStatus.DRAFT
    )
    convening = models.ForeignKey(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="briefings",
        help_text=_("Leave empty for a briefing for the whole platform."),
    )
    # Goes up by one each time a change becomes visible to participants; rendered PDFs
    # are cached under it, so a new version is rendered afresh.
    version = models.PositiveIntegerField(_("version"), default=0)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status", "convening"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == BriefingStatus.PUBLISHED

    def has_translation(self, language: str) -> bool:
        """Title and text exist in this language (the summary may be left out)."""
        return all(getattr(self, localized(name, language), "") for name in ("title", "body"))

    def completeness(self, language: str) -> dict[str, bool]:
        return {
            name: bool(getattr(self, localized(name, language), "")) for name in TRANSLATED_FIELDS
        }


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    PPTX = "pptx", "PowerPoint (PPTX)"


class BriefingFile(models.Model):
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # Stored under a random name (see services.upload_briefing_file): reachable only
    # through the download views, which check access.
    file = models.FileField(_("file"), upload_to="briefings/files", max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255)
    kind = models.CharField(_("file type"), max_length=8, choices=FileKind.choices)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("briefing file")
        verbose_name_plural = _("briefing files")
        ordering = ["briefing", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "language"],
                name="briefing_file_one_per_language",
                violation_error_code="briefing_file_one_per_language",
                violation_error_message=_("This briefing already has a file in this language."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.briefing_id} {self.language} {self.original_name}"


class BriefingPack(models.Model):
    convening = models.ForeignKey(
        Convening, verbose_name=_("convening"), on_delete=models.CASCADE, related_name="packs"
    )
    briefings = models.ManyToManyField(Briefing, verbose_name=_("briefings"), related_name="packs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    # The key of the "Send the pack" form that built this pack (common/sends.py):
    # a repeated POST of that form finds this pack instead of building a second one.
    send_key = models.UUIDField(_("send key"), unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("briefing pack")
        verbose_name_plural = _("briefing packs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.convening} #{self.pk}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("delivery status", "Queued")
    SENDING = "sending", pgettext_lazy("delivery status", "Sending")
    SENT = "sent", pgettext_lazy("delivery status", "Sent")
    FAILED = "failed", pgettext_lazy("delivery status", "Failed")


class PackDelivery(Delivery):
    """One person's copy of a pack (language, attempts, times and error: `Delivery`)."""

    pack = models.ForeignKey(BriefingPack, on_delete=models.CASCADE, related_name="deliveries")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="pack_deliveries"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pack delivery")
        verbose_name_plural = _("pack deliveries")
        ordering = ["pack", "participant__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pack", "participant"],
                name="pack_delivery_one_per_participant",
                violation_error_code="pack_delivery_one_per_participant",
                violation_error_message=_("This person already has a delivery of this pack."),
            )
        ]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.pack_id} → {self.participant_id} ({self.status})"


class DownloadFormat(models.TextChoices):
    FILE = "file", _("Uploaded file")
    PDF = "pdf", _("Rendered PDF")


class BriefingDownload(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="downloads")
    language = models.CharField(_("language"), max_length=10)
    format = models.CharField(_("format"), max_length=8, choices=DownloadFormat.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("briefing download")
        verbose_name_plural = _("briefing downloads")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.briefing_id} {self.language} {self.format}"
