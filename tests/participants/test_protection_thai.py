"""Thai text against Latin names: romanised, compared by consonant skeleton and sound."""

from __future__ import annotations

import pytest

from participants import protection
from participants.models import Visibility
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_an_everyday_thai_word_is_not_taken_for_a_name_that_sounds_close():
    # "ความเห็น" (opinion, royin "khwamhen") shares its consonants with "Kaewmanee"; "ของ"
    # (of, "khong") is close to "Keong". Neither is the name.
    ParticipantFactory(full_name="Wanida Kaewmanee", visibility=Visibility.HIDDEN)
    ParticipantFactory(full_name="Chong Chee Keong", visibility=Visibility.HIDDEN)
    registry = protection.registry()
    assert registry.find("ส่งความเห็นต่อรายการตรวจสอบของกลุ่ม") == []
    # The names themselves, in Thai, are found (วนิดา is also a Thai word, "woman").
    found = {h.text for h in registry.find("วนิดา แก้วมณี มาด้วย")}
    assert found == {"วนิดา", "แก้วมณี"}
