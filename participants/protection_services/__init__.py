"""Writes of the protection service, by topic: `recheck` (what participants see, checked
again after a change of who is protected or present), `erasure` (a name taken out of every
table) and `upload_names` (file names without protected names).

The names below stay importable from `participants.protection_services`, as other apps
use them.
"""

from __future__ import annotations

from .erasure import forget_addresses_of_erased, scrub_name_everywhere
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
    "NAME_REMOVED",
    "SHOWN_TO_PARTICIPANTS",
    "RecheckResult",
    "flag_object",
    "forget_addresses_of_erased",
    "recheck",
    "register_recheck",
    "resolve_if_clean",
    "safe_file_name",
    "scrub_name_everywhere",
    "strip_names_from_files",
]
