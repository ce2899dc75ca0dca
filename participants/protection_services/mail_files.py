"""Sent mail kept on disk by Django's file mail backend (`var/mail/`, the default of `make
run` and of development): on erasure, the person's name and address leave those files too.

Each file holds one or more whole messages, each followed by a line of 79 dashes (see
`django.core.mail.backends.filebased`). Bodies are often base64 or quoted-printable (Thai
always is), so a message is parsed, its headers and text parts are rewritten as text and
it is written back encoded again; an attachment is rewritten where its format allows
(`file_contents.rewrite_file`) and otherwise replaced by a short note. Other backends
(SMTP, locmem) keep no sent mail here, and nothing is done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from django.conf import settings

from . import file_contents

logger = logging.getLogger(__name__)

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
SEPARATOR = b"\n" + b"-" * 79 + b"\n"
# Headers that carry names or addresses.
_HEADERS = ("Subject", "To", "Cc", "Bcc", "Reply-To", "From")
WITHHELD_ATTACHMENT = "This attachment named a person who has been erased, and was removed."


def mail_folder() -> Path | None:
    """Where the file backend writes sent mail, or None when another backend sends it."""
    if settings.EMAIL_BACKEND != FILE_BACKEND:
        return None
    path = getattr(settings, "EMAIL_FILE_PATH", None)
    return Path(path) if path else None


def _rewrite_part(part: EmailMessage, rewrite: Callable[[str], str], found) -> bool:
    """Rewrite one leaf part in place; True when it changed."""
    if part.get_content_maintype() == "text" and not part.is_attachment():
        text = part.get_content()
        new = rewrite(text)
        if new == text:
            return False
        part.set_content(new, subtype=part.get_content_subtype(), charset="utf-8")
        return True
    name = part.get_filename() or ""
    data = part.get_payload(decode=True) or b""
    if not found(file_contents.file_text(name, data).text):
        return False
    new = file_contents.rewrite_file(name, data, rewrite)
    disposition = "attachment"
    if new is not None and not found(file_contents.file_text(name, new).text):
        maintype, subtype = part.get_content_maintype(), part.get_content_subtype()
        part.set_content(new, maintype=maintype, subtype=subtype, disposition=disposition)
        if name:
            part.set_param("filename", rewrite(name), header="Content-Disposition")
    else:
        part.set_content(WITHHELD_ATTACHMENT, disposition=disposition, filename="removed.txt")
    return True


def _rewrite_message(raw: bytes, rewrite: Callable[[str], str], found) -> bytes | None:
    """The message with the person taken out, or None when it does not name them."""
    message = message_from_bytes(raw, _class=EmailMessage, policy=SMTP)
    changed = False
    for header in _HEADERS:
        values = message.get_all(header)
        if not values:
            continue
        new_values = [rewrite(str(v)) for v in values]
        if new_values != [str(v) for v in values]:
            del message[header]
            for value in new_values:
                message[header] = value
            changed = True
    for part in message.walk():
        if part.is_multipart():
            continue
        changed |= _rewrite_part(part, rewrite, found)
    if not changed:
        return None
    # The file backend writes with the default policy's line ends (\n).
    return message.as_bytes(policy=SMTP.clone(linesep="\n"))


def scrub_mail_files(*, rewrite: Callable[[str], str], found) -> int:
    """Rewrite every sent-mail file of the file backend that names the person. `rewrite`
    replaces their name and addresses in text; `found(text)` tells whether text still
    names them. Returns the number of files changed."""
    folder = mail_folder()
    if folder is None or not folder.is_dir():
        return 0
    changed = 0
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        pieces = data.split(SEPARATOR)
        out, touched = [], False
        for piece in pieces:
            if not piece.strip():
                out.append(piece)
                continue
            try:
                new = _rewrite_message(piece, rewrite, found)
            except Exception:  # a message we cannot parse is kept whole, and logged
                logger.warning("could not read a sent-mail file: %s", path.name, exc_info=True)
                new = None
            if new is None:
                out.append(piece)
            else:
                out.append(new.rstrip(b"\n"))
                touched = True
        if touched:
            temporary = path.with_name(path.name + ".erasing")
            temporary.write_bytes(SEPARATOR.join(out))
            temporary.replace(path)
            changed += 1
    return changed
