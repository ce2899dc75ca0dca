"""A briefing's files (one per language, checked before they are stored) and the download log."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.audit import record
from accounts.models import User
from participants.models import Participant
from participants.protection_services import (
    refuse_protected_names,
    resolve_if_clean,
    safe_file_name,
)

from ..models import (
    Briefing,
    BriefingDownload,
    BriefingFile,
)
from ..selectors import content_languages
from ..uploads import inspect_upload


def _delete_on_commit(name: str) -> None:
    transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def upload_briefing_file(
    *, briefing: Briefing, language: str, upload: UploadedFile, by: User
) -> BriefingFile:
    """Store the file for this language (replacing the previous one) after checking its bytes.

    Raises ValidationError, with nothing stored, if the type or size is refused.
    """
    if language not in content_languages():
        raise ValidationError("unsupported language")
    inspected = inspect_upload(upload)
    # Participants read it: its contents name nobody who may not be named to them.
    refuse_protected_names(upload)
    previous = BriefingFile.objects.filter(briefing=briefing, language=language).first()
    item = previous or BriefingFile(briefing=briefing, language=language)
    old_name = previous.file.name if previous else None
    # Participants download it under this name: no protected name in it.
    item.original_name = safe_file_name((getattr(upload, "name", "") or "file")[-255:])
    item.kind = inspected.kind
    item.content_type = inspected.content_type
    item.size = inspected.size
    item.sha256 = inspected.sha256
    item.uploaded_by = by
    item.uploaded_at = timezone.now()
    upload.seek(0)
    item.file.save(f"{secrets.token_urlsafe(24)}.{inspected.extension}", upload, save=False)
    new_name = item.file.name
    try:
        item.save()
    except Exception:
        default_storage.delete(new_name)  # no row, so no file either
        raise
    if old_name and old_name != new_name:
        _delete_on_commit(old_name)
    # A file withheld for what it said is replaced by one that passed the check.
    resolve_if_clean(item)
    record(
        actor=by,
        action="briefing.file_uploaded",
        obj=briefing,
        changes={f"file_{language}": [old_name and "replaced", inspected.sha256]},
    )
    return item


def log_download(
    *,
    user: User | AnonymousUser,
    participant: Participant | None,
    briefing: Briefing,
    language: str,
    format: str,
) -> None:
    BriefingDownload.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        participant=participant,
        briefing=briefing,
        language=language,
        format=format,
    )
