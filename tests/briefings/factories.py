"""Factories for briefings and packs, plus small real files of each accepted type."""

from __future__ import annotations

import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from briefings.models import Briefing, BriefingPack, BriefingStatus


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Briefing

    title_en = factory.Sequence(lambda n: f"Case management for children {n}")
    summary_en = "How case workers keep children out of detention."
    body_en = "Case management pairs each family with a worker.\n\nIt starts at screening."
    status = BriefingStatus.PUBLISHED
    version = factory.LazyAttribute(lambda o: 1 if o.status == BriefingStatus.PUBLISHED else 0)
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == BriefingStatus.PUBLISHED else None
    )
    convening = None


def thai(briefing: Briefing) -> Briefing:
    briefing.title_th = "การจัดการรายกรณีสำหรับเด็ก"
    briefing.summary_th = "เจ้าหน้าที่ดูแลรายกรณีช่วยให้เด็กไม่ต้องถูกกักตัว"
    briefing.body_th = "การจัดการรายกรณีจับคู่ครอบครัวกับเจ้าหน้าที่หนึ่งคน\n\nเริ่มต้นที่การคัดกรอง"
    briefing.save()
    return briefing


class BriefingPackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BriefingPack
        skip_postgeneration_save = True

    @factory.post_generation
    def briefings(obj, create, extracted, **kwargs):  # noqa: N805 - factory-boy passes the object
        if create and extracted:
            obj.briefings.set(extracted)


def one_page_pdf() -> bytes:
    """A real one-page PDF (uploads must open with pypdf)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_BYTES = one_page_pdf()
# Starts like a PDF, holds a web page: what a failed download saved as .pdf looks like.
FAKE_PDF_BYTES = b"%PDF-1.7\n<!doctype html><html><body>Sign in to continue</body></html>\n"
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200


def ooxml_bytes(main_part: str | None, content_types: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if content_types:
            archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        if main_part:
            archive.writestr(main_part, "<document/>")
        else:
            archive.writestr("readme.txt", "just a zip")
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
