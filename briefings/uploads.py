"""What an uploaded briefing file really is, judged from its bytes and never from its name.

PDF is recognised by its magic bytes (the `filetype` library) and must then open with
pypdf and have a page: a file that starts `%PDF` and holds HTML (or a truncated download)
is refused, not handed to participants. DOCX, XLSX and PPTX are
all ZIP archives: `filetype` sees a ZIP, and the archive's own table of contents
(`[Content_Types].xml` plus the `word/`, `xl/` or `ppt/` part) tells them apart. Any other
file, including other ZIP archives and executables renamed to `.pdf`, is refused.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import FileKind

CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# The part each Office Open XML kind must contain.
_OOXML_MAIN_PART = {
    FileKind.DOCX: "word/document.xml",
    FileKind.XLSX: "xl/workbook.xml",
    FileKind.PPTX: "ppt/presentation.xml",
}
_ZIP_MIME = {"application/zip", *(CONTENT_TYPES[k] for k in _OOXML_MAIN_PART)}


@dataclass(frozen=True)
class Inspected:
    kind: str
    content_type: str
    size: int
    sha256: str

    @property
    def extension(self) -> str:
        return self.kind


def _ooxml_kind(upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    found = [kind for kind, part in _OOXML_MAIN_PART.items() if part in names]
    return found[0] if len(found) == 1 else None


def _pdf_problem(upload) -> ValidationError | None:
    """Why a file with PDF magic bytes is not a PDF a reader can open, or None."""
    from pypdf import PdfReader  # noqa: PLC0415  pypdf takes a tenth of a second to import: paid on the first uploaded PDF, not at start-up
    from pypdf.errors import FileNotDecryptedError  # noqa: PLC0415  pypdf takes a tenth of a second to import: paid on the first uploaded PDF, not at start-up

    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("a password is needed")
        pages = len(reader.pages)
    except FileNotDecryptedError:
        return ValidationError(
            _("This PDF is protected by a password. Please upload a copy without one."),
            code="encrypted_pdf",
        )
    except Exception:  # a parser of hostile bytes may raise anything; all mean "not a PDF"
        pages = 0
    finally:
        upload.seek(0)
    if pages < 1:
        return ValidationError(
            _(
                "This file starts like a PDF but cannot be opened as one; it may be damaged or"
                " another kind of file. Save or export it again as PDF and upload that."
            ),
            code="unreadable_pdf",
        )
    return None


def inspect_upload(upload) -> Inspected:
    """The file's kind, size and checksum; ValidationError (a sentence for the form) if refused."""
    size = upload.size
    limit = settings.BRIEFING_FILE_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(8192)
    guess = filetype.guess(head)
    kind = None
    if guess is not None and guess.mime == "application/pdf":
        kind = FileKind.PDF
    elif guess is not None and guess.mime in _ZIP_MIME:
        kind = _ooxml_kind(upload)
    if kind is None:
        raise ValidationError(
            _(
                "This file is not a PDF, Word (DOCX), Excel (XLSX) or PowerPoint (PPTX) "
                "document, whatever its name says. Please upload one of those."
            ),
            code="wrong_type",
        )
    if kind == FileKind.PDF and (problem := _pdf_problem(upload)) is not None:
        raise problem
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in (
        upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b"")
    ):
        digest.update(chunk)
    upload.seek(0)
    return Inspected(
        kind=str(kind), content_type=CONTENT_TYPES[kind], size=size, sha256=digest.hexdigest()
    )
