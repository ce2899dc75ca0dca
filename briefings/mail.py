"""The briefing pack e-mail: composed in the recipient's language, with links and PDFs."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from .models import BriefingStatus, FileKind, PackDelivery
from .pdf import briefing_pdf
from .services import message_id_for


def download_name(*, title: str, language: str, extension: str, fallback: str = "briefing") -> str:
    """A safe, server-chosen file name (ASCII; Thai titles become the fallback word)."""
    stem = slugify(title)[:60].strip("-") or fallback
    return f"{stem}-{language}.{extension}"


def _pdf_for(briefing, language: str) -> tuple[str, bytes]:
    files = {f.language: f for f in briefing.files.all()}
    uploaded = files.get(language)
    if uploaded is not None and uploaded.kind == FileKind.PDF:
        with uploaded.file.open("rb") as handle:
            data = handle.read()
    else:
        data = briefing_pdf(briefing=briefing, language=language)
    name = download_name(
        title=briefing.title_en,
        language=language,
        extension="pdf",
        fallback=f"briefing-{briefing.pk}",
    )
    return name, data


def build_pack_message(*, delivery: PackDelivery) -> EmailMessage:
    pack = delivery.pack
    participant = delivery.participant
    language = delivery.language or participant.preferred_language or settings.LANGUAGE_CODE
    briefings = [
        b
        for b in pack.briefings.select_related("convening").prefetch_related("files").order_by("pk")
        if b.status == BriefingStatus.PUBLISHED
    ]
    with translation.override(language):
        attachments = [_pdf_for(b, language) for b in briefings]
        total = sum(len(data) for _name, data in attachments)
        attach = total <= settings.PACK_ATTACHMENT_MAX_BYTES
        items = [
            {
                "briefing": b,
                "translated": b.has_translation(language),
                "url": settings.SITE_URL + reverse("briefings:portal-detail", args=[b.pk]),
            }
            for b in briefings
        ]
        context = {
            "participant": participant,
            "convening": pack.convening,
            "items": items,
            "attached": attach and bool(attachments),
            "portal_url": settings.SITE_URL + reverse("briefings:portal-list"),
        }
        subject = render_to_string("briefings/email/pack_subject.txt", context).strip()
        body = render_to_string("briefings/email/pack_message.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[participant.email],
        headers={"Message-ID": message_id_for(delivery), "Content-Language": language},
    )
    if attach:
        for name, data in attachments:
            message.attach(name, data, "application/pdf")
    return message
