"""Upload names without protected names in them ("Minutes_Somchai_W.pdf" ->
"Minutes_name-removed.pdf")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile

from .. import protection

if TYPE_CHECKING:
    pass

NAME_REMOVED = "name-removed"


def safe_file_name(name: str, *, audience: str = protection.Audience.PARTICIPANTS) -> str:
    """The upload's name with any protected name taken out ("Minutes_Somchai_W.pdf" ->
    "Minutes_name-removed.pdf"); unchanged when it names nobody."""
    folder, _, base = (name or "").rpartition("/")
    stem, dot, extension = base.rpartition(".") if "." in base else (base, "", "")
    readable = re.sub(r"[_\-.]+", " ", stem)
    registry = protection.registry(audience=audience)
    hits = registry.find(readable)
    if not hits:
        return name
    out, cursor = [], 0
    for hit in hits:
        if hit.start < cursor:
            continue
        out += [readable[cursor : hit.start], NAME_REMOVED]
        cursor = hit.end
    cleaned = "_".join(("".join(out) + readable[cursor:]).split())
    return (f"{folder}/" if folder else "") + cleaned + (dot + extension if dot else "")


def strip_names_from_files(objs, *, field: str, audience: str = protection.Audience.REPORTS) -> int:
    """Store again under a safe name any of these objects' files whose name names someone."""
    renamed = 0
    for obj in objs:
        file = getattr(obj, field)
        if not file or not file.name:
            continue
        safe = safe_file_name(file.name, audience=audience)
        if safe == file.name:
            continue
        storage = file.storage
        with storage.open(file.name, "rb") as handle:
            content = handle.read()
        new_name = storage.save(safe, ContentFile(content))
        storage.delete(file.name)
        type(obj)._default_manager.filter(pk=obj.pk).update(**{field: new_name})
        setattr(obj, field, new_name)
        renamed += 1
    return renamed
