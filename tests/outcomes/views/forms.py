"""The outcome form's POST data, for the recording tests."""

from __future__ import annotations

import uuid


def outcome_post(**extra):
    data = {
        "kind": "policy_champion",
        "country": "",
        "date": "2024-03-01",
        "verification": "reported",
        "title_en": "A champion leads a pilot",
        "title_th": "ผู้ผลักดันนำโครงการนำร่อง",
        "what_changed_en": "The pilot started.",
        "create_key": str(uuid.uuid4()),  # a fresh form each time (common/once.py)
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-kind": "link",
        "evidence-0-url": "https://example.org/pilot",
        "evidence-0-description": "Launch notice",
    }
    data.update(extra)
    return data
