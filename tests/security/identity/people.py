"""The placeholder people of the identity-protection tests and small helpers (issue 13).

A hidden Australian ("Hemi Tamatea Concealed", HTC), invited nowhere; a pseudonymous New
Zealander ("Pimchanok Lanternveil", pseudonym "River"); a named Thai participant recorded in
Latin script only ("Somchai Jaidee", สมชาย ใจดี in Thai); a named Malaysian "Case Management
Lead" ("Aminah Rahman"); a named Indonesian ("Budi Santoso"). The fixture `w` (conftest.py)
builds them.
"""

from __future__ import annotations

import pytest
from django.test import Client

from engagement import services as engagement_services
from tests.engagement.factories import MeetingNoteFactory

HIDDEN = "Hemi Tamatea Concealed"


# Every form of the hidden person's name a reader may meet, and one in Thai script.
HIDDEN_FORMS = [
    HIDDEN,
    "HEMI TAMATEA CONCEALED",
    "Concealed",
    "Mr Concealed",
    "Pak Hemi",
    "Hemi C.",
    "H. Concealed",
    "H.T.C.",
    "Harbourstone Shelter Trust",
    "เฮมิ",  # the name in other scripts, as recorded
]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def notes_saying(convening, text, *, field="key_points_en"):
    texts = {"key_points_en": "", "next_steps_en": "", field: text}
    return MeetingNoteFactory(convening=convening, **texts)


def publish(notes, by):
    return engagement_services.publish_notes(notes=notes, by=by)


def refused(notes, *, by) -> list:
    """What publishing these notes is refused for (it must be refused)."""
    with pytest.raises(engagement_services.NotesAttributeSomeoneError) as refused:
        publish(notes, by)
    return refused.value.matches
