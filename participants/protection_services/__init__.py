"""Writes of the protection service, by topic: `recheck` (what participants see, checked
again after a change of who is protected or present), `erasure` (a name taken out of every
table), `upload_names` (file names without protected names), `file_contents` (what
uploaded files say, at upload and on erasure) and `mail_files` (sent mail kept on disk).

The names below stay importable from `participants.protection_services`, as other apps
use them.
"""

from __future__ import annotations

from .erasure import (
    forget_addresses_of_erased,
    scrub_name_everywhere,
    scrub_name_in_mail_files,
    scrub_name_in_stored_files,
)
from .file_contents import FILE_CONTENTS, refuse_protected_names
from .recheck import (
    SHOWN_TO_PARTICIPANTS,
    RecheckResult,
    flag_object,
    recheck,
    register_recheck,
    resolve_if_clean,
)
from .upload_names import NAME_REMOVED, safe_file_name, strip_names_from_files

__all__ = [
    "FILE_CONTENTS",
    "NAME_REMOVED",
    "SHOWN_TO_PARTICIPANTS",
    "RecheckResult",
    "flag_object",
    "forget_addresses_of_erased",
    "recheck",
    "refuse_protected_names",
    "register_recheck",
    "resolve_if_clean",
    "safe_file_name",
    "scrub_name_everywhere",
    "scrub_name_in_mail_files",
    "scrub_name_in_stored_files",
    "strip_names_from_files",
]
