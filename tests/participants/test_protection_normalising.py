"""Text made comparable: case, accents and spacing do not count."""

from __future__ import annotations

import pytest

from participants import protection

pytestmark = pytest.mark.django_db


def test_display_name_keys_ignore_case_and_accents():
    assert protection.name_key("  José  RAMOS ") == protection.name_key("jose ramos")
    assert protection.name_key("River") != protection.name_key("Rivers")
