"""The briefing pack e-mail: composed in the recipient's language, with links and PDFs.

`PackMail` composes the e-mails of one batch of deliveries (services.deliver_pack_batch).
What every e-mail of a pack in one language shares is built once per batch, on first use:
the pack's published briefings, their PDFs read and base64-encoded as MIME parts, and the
links. Each e-mail is then composed by `common.mail.compose` (subject and body; it greets
the person by name) and gets its own Message-ID.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from common.mail import compose

from .models import Briefing, BriefingPack, BriefingStatus, FileKind, PackDelivery
from .pdf import briefing_pdf
from .selectors import files_for_participants


def download_name(*, title: str, language: str, extension: str, fallback: str = "briefing") -> str:
    """A safe, server-chosen file name (ASCII; Thai titles become the fallback word)."""
    stem = slugify(title)[:60].strip("-") or fallback
    return f"{stem}-{language}.{extension}"


def message_id_for(delivery: PackDelivery) -> str:
    """The same Message-ID for every attempt at this delivery."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<briefing-pack-{delivery.pack_id}.{delivery.participant_id}@{domain}>"


def _pdf_for(briefing: Briefing, language: str) -> tuple[str, bytes]:
    # Prefetched without the files withheld because they name someone (`_published_briefings`):
    # the rendered PDF goes instead.
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


def _attachment(name: str, data: bytes) -> MIMEBase:
    # The part Django would build from (name, data, "application/pdf"), built here so that
    # the base64 encoding is done once per batch instead of once per e-mail.
    part = MIMEApplication(data, "pdf")
    part.add_header("Content-Disposition", "attachment", filename=name)
    return part


@dataclass(frozen=True)
class _Shared:
    """What every e-mail of one pack in one language has in common."""

    context: dict
    attachments: list[MIMEBase]


class PackMail:
    """Composes pack e-mails, reusing the work shared by a pack's e-mails in one language.

    One instance per batch: it holds the briefings as they were when the batch began, so a
    later task sees any change staff make in between.
    """

    def __init__(self) -> None:
        self._briefings: dict[int, list[Briefing]] = {}
        self._shared: dict[tuple[int, str], _Shared | Exception] = {}

    def _published_briefings(self, pack: BriefingPack) -> list[Briefing]:
        if pack.pk not in self._briefings:
            self._briefings[pack.pk] = [
                b
                for b in pack.briefings.select_related("convening")
                .prefetch_related(Prefetch("files", queryset=files_for_participants()))
                .order_by("pk")
                if b.status == BriefingStatus.PUBLISHED
            ]
        return self._briefings[pack.pk]

    def _build_shared(self, pack: BriefingPack, language: str) -> _Shared:
        briefings = self._published_briefings(pack)
        with translation.override(language):
            files = [_pdf_for(b, language) for b in briefings]
            attach = sum(len(data) for _name, data in files) <= settings.PACK_ATTACHMENT_MAX_BYTES
            context = {
                "convening": pack.convening,
                "items": [
                    {
                        "briefing": b,
                        "translated": b.has_translation(language),
                        "url": settings.SITE_URL + reverse("briefings:portal-detail", args=[b.pk]),
                    }
                    for b in briefings
                ],
                "attached": attach and bool(files),
                "portal_url": settings.SITE_URL + reverse("briefings:portal-list"),
            }
        return _Shared(
            context=context,
            attachments=[_attachment(name, data) for name, data in files] if attach else [],
        )

    def _shared_for(self, pack: BriefingPack, language: str) -> _Shared:
        key = (pack.pk, language)
        if key not in self._shared:
            try:
                self._shared[key] = self._build_shared(pack, language)
            except Exception as exc:
                # A missing file fails every e-mail in this language alike: find that out
                # once, not once per person (a PDF that will not render takes seconds).
                self._shared[key] = exc
        shared = self._shared[key]
        if isinstance(shared, Exception):
            raise shared
        return shared

    def message(self, *, delivery: PackDelivery) -> EmailMessage:
        participant = delivery.participant
        language = delivery.language or participant.preferred_language or settings.LANGUAGE_CODE
        shared = self._shared_for(delivery.pack, language)
        mail = compose(
            "briefings/email/pack",
            {**shared.context, "participant": participant},
            language=language,
        )
        return mail.message(
            to=[participant.email],
            headers={"Message-ID": message_id_for(delivery)},
            attachments=shared.attachments,
        )


def build_pack_message(*, delivery: PackDelivery) -> EmailMessage:
    """The e-mail of one delivery on its own (a batch uses one PackMail for all of them)."""
    return PackMail().message(delivery=delivery)
