"""What uploaded files say: protected names inside their contents, at upload and on erasure.

Text is read from the bytes, never from the name: PDF (pypdf: every page's text and the
document information, such as the author), Office Open XML (DOCX, XLSX, PPTX: the text of
every XML part, paragraph by paragraph, and the document properties) and plain text (TXT,
CSV, Markdown, judged by the extension once the bytes are not PDF or a ZIP). Any other file
has no text we can read, and passes.

At upload (`refuse_protected_names`), a file that names someone who may not be named to
participants is refused with a sentence for the form, as a briefing naming them is refused
at publication. On erasure (`scrub_name_in_files`), every stored file of every model's
FileField is read: where the format allows it (plain text, and the text of DOCX, XLSX and
PPTX) the name is rewritten to the erased placeholder and the file stored again; otherwise
(PDF, or a rewrite that still names them) the file is withheld from participants with a
`ProtectionFlag` (reason `file_contents`), listed for staff at /staff/protection/ until a
clean file replaces it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext as _

from .. import protection
from .recheck import FILE_CONTENTS, flag_object

logger = logging.getLogger(__name__)

PLAIN_TEXT_EXTENSIONS = {"txt", "csv", "md", "markdown", "text"}

# A text run of WordprocessingML (w:t), DrawingML (a:t) and SpreadsheetML (t).
_TEXT_RUN = re.compile(r"(<(?:\w+:)?t(?:\s[^>]*)?>)([^<]*)(</(?:\w+:)?t>)")
# The end of a paragraph (Word, slides) or of a shared string (sheets): runs between two of
# them are one piece of text, where a name may be split over several runs.
_PARAGRAPH_END = re.compile(r"</(?:w:p|a:p|si|x:si)>")
# Document properties (author, last modified by, title): plain element text.
_ELEMENT_TEXT = re.compile(r">([^<]+)<")
_PROPERTIES = re.compile(r"^docProps/.+\.xml$")


# An XML part larger than this once unpacked is not read (a ZIP bomb would fill memory):
# real documents' parts are a few MiB at most.
MAX_XML_PART_BYTES = 32 * 1024 * 1024


def _readable(info: zipfile.ZipInfo) -> bool:
    return info.filename.endswith(".xml") and info.file_size <= MAX_XML_PART_BYTES


@dataclass(frozen=True)
class FileText:
    kind: str  # "pdf", "ooxml", "text" or "" (no text we can read)
    text: str
    rewritable: bool


def _extension(name: str) -> str:
    base = (name or "").rpartition("/")[2]
    return base.rpartition(".")[2].lower() if "." in base else ""


def _is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _decode(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a plain-text file; None when it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        return None
    # Older spreadsheets and editors save CSV in the Windows code page.
    return data.decode("cp1252", errors="replace"), "cp1252"


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader  # noqa: PLC0415  pypdf takes a tenth of a second to import: paid on the first PDF read, not at start-up

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return ""
        parts = [page.extract_text() or "" for page in reader.pages]
        for value in (reader.metadata or {}).values():
            if isinstance(value, str):
                parts.append(value)
    except Exception:  # a parser of hostile bytes may raise anything: no text read
        logger.warning("could not read the text of a PDF", exc_info=True)
        return ""
    return "\n".join(parts)


def _paragraph_texts(xml: str) -> list[str]:
    """The text of each paragraph (runs joined), in order."""
    out = []
    for chunk in _PARAGRAPH_END.split(xml):
        runs = [unescape(m.group(2)) for m in _TEXT_RUN.finditer(chunk)]
        if runs:
            out.append("".join(runs))
    return out


def _ooxml_text(data: bytes) -> str:
    texts = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not _readable(info):
                    continue
                name = info.filename
                xml = archive.read(info).decode("utf-8", errors="replace")
                if _PROPERTIES.match(name):
                    texts += [unescape(t) for t in _ELEMENT_TEXT.findall(xml) if t.strip()]
                else:
                    texts += _paragraph_texts(xml)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return ""
    return "\n".join(texts)


def file_text(name: str, data: bytes) -> FileText:
    """The text a reader of this file meets, by what its bytes are."""
    if data.startswith(b"%PDF"):
        return FileText("pdf", _pdf_text(data), rewritable=False)
    if _is_zip(data):
        return FileText("ooxml", _ooxml_text(data), rewritable=True)
    if _extension(name) in PLAIN_TEXT_EXTENSIONS:
        decoded = _decode(data)
        if decoded is not None:
            return FileText("text", decoded[0], rewritable=True)
    return FileText("", "", rewritable=False)


def _rewrite_paragraph(chunk: str, rewrite: Callable[[str], str]) -> str:
    """The paragraph with its text rewritten; a name split over several runs is found in
    the joined text, which then goes into the first run (the others are emptied)."""
    runs = list(_TEXT_RUN.finditer(chunk))
    if not runs:
        return chunk
    joined = "".join(unescape(m.group(2)) for m in runs)
    new = rewrite(joined)
    if new == joined:
        return chunk
    out, cursor = [], 0
    for index, match in enumerate(runs):
        opening = match.group(1)
        if index == 0 and "xml:space" not in opening:
            opening = opening[:-1] + ' xml:space="preserve">'
        text = escape(new, quote=False) if index == 0 else ""
        out += [chunk[cursor : match.start()], opening, text, match.group(3)]
        cursor = match.end()
    return "".join(out) + chunk[cursor:]


def _rewrite_xml(name: str, xml: str, rewrite: Callable[[str], str]) -> str:
    if _PROPERTIES.match(name):
        return _ELEMENT_TEXT.sub(
            lambda m: ">" + escape(rewrite(unescape(m.group(1))), quote=False) + "<", xml
        )
    out, cursor = [], 0
    for end in _PARAGRAPH_END.finditer(xml):
        out += [_rewrite_paragraph(xml[cursor : end.start()], rewrite), end.group(0)]
        cursor = end.end()
    out.append(_rewrite_paragraph(xml[cursor:], rewrite))
    return "".join(out)


def _rewrite_ooxml(data: bytes, rewrite: Callable[[str], str]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        if any(i.filename.endswith(".xml") and not _readable(i) for i in source.infolist()):
            raise ValueError("an XML part too large to read: withheld, not rewritten")
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".xml"):
                xml = content.decode("utf-8")
                new = _rewrite_xml(info.filename, xml, rewrite)
                if new != xml:
                    content = new.encode("utf-8")
            # Same order and names: [Content_Types].xml stays first, as Office expects.
            out.writestr(info, content)
    return target.getvalue()


def rewrite_file(name: str, data: bytes, rewrite: Callable[[str], str]) -> bytes | None:
    """The file with its text rewritten, or None when this kind of file cannot be."""
    if data.startswith(b"%PDF"):
        return None
    if _is_zip(data):
        try:
            return _rewrite_ooxml(data, rewrite)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, UnicodeDecodeError):
            return None
    if _extension(name) in PLAIN_TEXT_EXTENSIONS:
        decoded = _decode(data)
        if decoded is None:
            return None
        text, encoding = decoded
        return rewrite(text).encode(encoding, errors="replace")
    return None


# At upload ----------------------------------------------------------------------------


def protected_names_in_upload(upload) -> list[str]:
    """Whose names (labels for staff) this uploaded file's contents give away to
    participants, in any form or script."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    text = file_text(getattr(upload, "name", "") or "", data).text
    if not text.strip():
        return []
    registry = protection.registry(audience=protection.Audience.PARTICIPANTS)
    return sorted({identity.label for identity in registry.names_in(text)})


def refuse_protected_names(upload) -> None:
    """ValidationError (a sentence for the form, in the reader's language) when the file's
    contents name someone who may not be named to participants."""
    if getattr(upload, "_protected_names_checked", False):
        return  # the form checked it and the service asks again: one reading is enough
    people = protected_names_in_upload(upload)
    if people:
        raise ValidationError(
            _(
                "This file names %(people)s, who may not be named to participants. Remove "
                "the name from the file (its text and its properties, such as the author), "
                "then upload it again."
            )
            % {"people": ", ".join(people)},
            code="protected_in_file",
        )
    upload._protected_names_checked = True


# On erasure ---------------------------------------------------------------------------


def _stored_again(row, column: models.FileField, data: bytes) -> str:
    """Store the new bytes beside the old file (which goes) and return the new name."""
    file = getattr(row, column.name)
    storage = file.storage
    folder, _sep, base = file.name.rpartition("/")
    new_name = storage.save(f"{folder}/{base}" if folder else base, ContentFile(data))
    if new_name != file.name:
        storage.delete(file.name)
    return new_name


def _checksum_columns(model, data: bytes) -> dict:
    """A row that records its file's size and checksum (briefing files) keeps them true."""
    names = {f.name for f in model._meta.concrete_fields}
    values = {}
    if "size" in names:
        values["size"] = len(data)
    if "sha256" in names:
        values["sha256"] = hashlib.sha256(data).hexdigest()
    return values


def scrub_name_in_files(
    *,
    registry: protection.Registry,
    rewrite: Callable[[str], str],
    participant_id: int,
    walked: Callable[[type[models.Model]], list[models.FileField]],
    manager: Callable[[type[models.Model]], models.Manager],
) -> Counter:
    """Read every stored file of every model's FileField; where its contents name the
    person (`registry`), rewrite them (`rewrite`) where the format allows, else withhold
    the row from participants and list it for staff. Counts per model, no content."""
    counts: Counter = Counter()
    for model in apps.get_models():
        columns = walked(model)
        if not columns:
            continue
        label = model._meta.label_lower
        query = models.Q()
        for column in columns:
            query |= ~models.Q(**{column.name: ""})
        for row in manager(model).filter(query).iterator():
            for column in columns:
                file = getattr(row, column.name)
                if not file or not file.name:
                    continue
                try:
                    with file.storage.open(file.name, "rb") as handle:
                        data = handle.read()
                except OSError:
                    logger.warning("stored file missing: %s %s", label, row.pk)
                    continue
                found = file_text(file.name, data)
                if not registry.find(found.text):
                    continue
                new = rewrite_file(file.name, data, rewrite) if found.rewritable else None
                if new is not None and not registry.find(file_text(file.name, new).text):
                    values = {column.attname: _stored_again(row, column, new)}
                    values.update(_checksum_columns(model, new))
                    manager(model).filter(pk=row.pk).update(**values)
                    counts[f"file rewritten: {label}"] += 1
                    continue
                flag_object(
                    row, field=column.name, participant_id=participant_id, reason=FILE_CONTENTS
                )
                counts[f"file withheld: {label}"] += 1
    return counts
