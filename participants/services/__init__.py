"""Writes about participants, one module per topic: `records` (the directory record, with
consents), `consents`, `organisations`, `account`, `profile` ("My profile") and
`import_file`; `rules` holds what every change obeys and `errors` what they refuse.

Every change is audit-logged through `accounts.audit.record` inside the same transaction.
The names below stay importable from `participants.services`, as other apps use them.
"""

from __future__ import annotations

from .account import create_account_for
from .consents import CONSENT_AUDIT_FIELDS, set_consents
from .errors import (
    AccountExistsError,
    DuplicatesNotAcceptedError,
    ImportRejectedError,
    ParticipantError,
)
from .import_file import import_participants
from .organisations import find_or_create_organisation
from .profile import update_profile
from .records import EDITABLE_FIELDS, RECORD_FIELDS, create_participant, update_participant
from .rules import PROTECTION_FIELDS

__all__ = [
    "CONSENT_AUDIT_FIELDS",
    "EDITABLE_FIELDS",
    "PROTECTION_FIELDS",
    "RECORD_FIELDS",
    "AccountExistsError",
    "DuplicatesNotAcceptedError",
    "ImportRejectedError",
    "ParticipantError",
    "create_account_for",
    "create_participant",
    "find_or_create_organisation",
    "import_participants",
    "set_consents",
    "update_participant",
    "update_profile",
]
