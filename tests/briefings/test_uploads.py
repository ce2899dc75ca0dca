"""Uploaded files are judged by their bytes; refused files leave nothing behind."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from briefings.models import BriefingFile
from tests.briefings.factories import (
    ELF_BYTES,
    FAKE_PDF_BYTES,
    PDF_BYTES,
    BriefingFactory,
    ooxml_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def _stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _post(client, briefing, file, language="id"):
    return client.post(
        reverse("briefings:staff-upload", args=[briefing.pk]), {"language": language, "file": file}
    )


def test_a_pdf_is_stored_under_a_random_name_with_its_checksum(staff_client, settings):
    import hashlib

    briefing = BriefingFactory()
    response = _post(staff_client, briefing, upload("ringkasan.pdf", PDF_BYTES))
    assert response.status_code == 302
    item = BriefingFile.objects.get(briefing=briefing, language="id")
    assert item.kind == "pdf"
    assert item.content_type == "application/pdf"
    assert item.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert item.size == len(PDF_BYTES)
    assert item.original_name == "ringkasan.pdf"
    assert "ringkasan" not in item.file.name
    assert len(Path(item.file.name).stem) >= 30
    assert [p.read_bytes() for p in _stored_files(settings)] == [PDF_BYTES]


@pytest.mark.parametrize(
    ("part", "kind"),
    [("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx")],
)
def test_office_files_are_told_apart_by_their_contents(staff_client, part, kind):
    briefing = BriefingFactory()
    # Named .pdf on purpose: the name decides nothing.
    response = _post(staff_client, briefing, upload("file.pdf", ooxml_bytes(part)))
    assert response.status_code == 302
    assert BriefingFile.objects.get(briefing=briefing).kind == kind


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("briefing.pdf", ELF_BYTES),
        ("briefing.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100),
        ("archive.docx", ooxml_bytes(None)),
        ("notes.docx", ooxml_bytes("word/document.xml", content_types=False)),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
    ],
    ids=["elf-as-pdf", "windows-exe-as-pdf", "plain-zip", "zip-without-content-types", "html"],
)
def test_other_files_are_refused_with_a_message_beside_the_field(
    staff_client, settings, name, data
):
    briefing = BriefingFactory()
    response = _post(staff_client, briefing, upload(name, data))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_file_error"' in html
    assert "is not a PDF, Word (DOCX), Excel (XLSX) or PowerPoint (PPTX)" in html
    assert 'aria-invalid="true"' in html
    assert BriefingFile.objects.count() == 0
    assert _stored_files(settings) == []


def test_an_oversize_file_is_refused_and_nothing_is_stored(staff_client, settings):
    settings.BRIEFING_FILE_MAX_BYTES = 1000
    briefing = BriefingFactory()
    response = _post(staff_client, briefing, upload("big.pdf", PDF_BYTES + b"0" * 1000))
    assert response.status_code == 400
    assert "the largest file accepted is 1000\xa0bytes" in response.content.decode()
    assert BriefingFile.objects.count() == 0
    assert _stored_files(settings) == []


def test_a_new_upload_replaces_the_old_file_for_that_language(
    staff_client, settings, django_capture_on_commit_callbacks
):
    briefing = BriefingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _post(staff_client, briefing, upload("one.pdf", PDF_BYTES))
    with django_capture_on_commit_callbacks(execute=True):
        _post(staff_client, briefing, upload("two.docx", ooxml_bytes("word/document.xml")))
    item = BriefingFile.objects.get(briefing=briefing, language="id")
    assert item.kind == "docx"
    assert len(_stored_files(settings)) == 1


def encrypted_pdf(user_password: str) -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF_BYTES)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        FAKE_PDF_BYTES,
        PDF_BYTES[: len(PDF_BYTES) // 2],  # a download cut off half-way
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    ],
    ids=["html-behind-pdf-magic", "truncated", "no-pages"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused_beside_the_field(
    staff_client, settings, data
):
    briefing = BriefingFactory()
    response = _post(staff_client, briefing, upload("briefing.pdf", data))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_file_error"' in html
    assert "This file starts like a PDF but cannot be opened as one" in html
    assert BriefingFile.objects.count() == 0
    assert _stored_files(settings) == []


def test_a_pdf_that_needs_a_password_is_refused_and_one_without_is_accepted(staff_client):
    briefing = BriefingFactory()
    response = _post(staff_client, briefing, upload("locked.pdf", encrypted_pdf("secret")))
    assert response.status_code == 400
    assert "This PDF is protected by a password." in response.content.decode()
    # Restricted by an owner password only: anyone can open it, so it is accepted.
    response = _post(staff_client, briefing, upload("restricted.pdf", encrypted_pdf("")))
    assert response.status_code == 302
    assert BriefingFile.objects.get(briefing=briefing).kind == "pdf"


def test_the_refusal_is_in_the_staff_language(staff_client, staff_user):
    from django.utils import translation

    from briefings.uploads import inspect_upload

    with translation.override("th"):
        try:
            inspect_upload(upload("briefing.pdf", FAKE_PDF_BYTES))
        except ValidationError as exc:
            message = " ".join(exc.messages)
    assert "PDF" in message
    assert "cannot be opened" not in message
