"""Names recorded in Latin script and written in Thai script by sound (issue 13): a foreign
name such as "David Miller" written "เดวิด มิลเลอร์" is found without a "name in other
scripts", and everyday Thai text does not pass for a name.

Placeholder people from the five countries' contexts, hidden, none with other names."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from accounts import services as account_services
from participants import protection
from participants.erasure import erase_person
from participants.models import Visibility
from tests import factories

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# (name as recorded, as a Thai writer spells it)
FOREIGN = [
    ("David Miller", "เดวิด มิลเลอร์"),  # Australia
    ("Sarah Thompson", "ซาราห์ ทอมป์สัน"),  # Australia
    ("James Wilson", "เจมส์ วิลสัน"),  # New Zealand
    ("Emma Williams", "เอ็มมา วิลเลียมส์"),  # New Zealand
    ("Budi Santoso", "บูดี ซันโตโซ"),  # Indonesia
    ("Dewi Lestari", "เดวี เลสตารี"),  # Indonesia
    ("Siti Nurhaliza", "สิตี นูร์ฮาลิซา"),  # Malaysia
    ("Ahmad Ibrahim", "อาหมัด อิบราฮิม"),  # Malaysia
    ("Michael Brown", "ไมเคิล บราวน์"),  # Thailand's partners: an international organisation
]
# Parts long enough to be caught alone (4 consonant classes or more).
PARTS = [("Sarah Thompson", "ทอมป์สัน"), ("Emma Williams", "วิลเลียมส์"), ("Michael Brown", "บราวน์")]

EVERYDAY_THAI = [
    "การประชุมครั้งนี้มีผู้เข้าร่วมจากห้าประเทศ ได้แก่ ออสเตรเลีย อินโดนีเซีย มาเลเซีย นิวซีแลนด์ และไทย",
    "ผู้เข้าร่วมได้แลกเปลี่ยนประสบการณ์เกี่ยวกับทางเลือกแทนการกักตัวเด็ก",
    "ขั้นตอนต่อไปคือการติดตามผลการดำเนินงานและรายงานความคืบหน้า",
    "กระทรวงมหาดไทย สำนักงานตรวจคนเข้าเมือง มูลนิธิ สมาคม",
    "คอมพิวเตอร์ อินเทอร์เน็ต โทรศัพท์ อีเมล เว็บไซต์ ซอฟต์แวร์ ดาวน์โหลด",
    "ช็อกโกแลต กาแฟ แซนด์วิช พิซซ่า สลัด บุฟเฟต์ โรงแรม ห้องประชุม",
    "หากคุณไม่ได้ขอให้ดำเนินการนี้ โปรดแจ้งสำนักเลขาธิการทันที",  # "นี้ โปรด" ~ N PLT
    "สร้างไฟล์แล้วแต่บันทึกไม่ได้ โปรดลองใหม่ภายหลัง",
    "การแสดงตัวตนและความยินยอม",
]


@pytest.fixture
def people(db):
    return {
        name: factories.ParticipantFactory(full_name=name, visibility=Visibility.HIDDEN)
        for name, _thai in FOREIGN
    }


def _found(text: str) -> list[str]:
    registry = protection.registry(audience=protection.Audience.PARTICIPANTS)
    return sorted({identity.label for identity in registry.names_in(text)})


@pytest.mark.parametrize(("name", "thai"), FOREIGN)
@pytest.mark.parametrize("around", ["ขอบคุณ{}ที่มาร่วม", "ขอบคุณ {} ที่มาร่วม", "คุณ{} กล่าวว่า"])
def test_a_foreign_name_written_in_thai_script_is_found(people, name, thai, around):
    assert _found(around.format(thai)) == [name]


@pytest.mark.parametrize(("name", "thai"), PARTS)
def test_a_long_surname_alone_in_thai_script_is_found(people, name, thai):
    assert _found(f"ขอบคุณ{thai}ที่มาร่วม") == [name]


@pytest.mark.parametrize("text", EVERYDAY_THAI)
def test_everyday_thai_is_not_taken_for_a_name(people, text):
    assert _found(text) == []


def test_no_thai_string_of_the_platform_is_taken_for_a_name(people):
    """Every Thai sentence of the catalogues: a large sample of ordinary Thai."""
    registry = protection.registry(audience=protection.Audience.PARTICIPANTS)
    wrong = []
    for path in BASE_DIR.glob("*/locale/th/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if text and registry.find(text):
                    wrong.append(text)
    assert wrong == []


def test_a_thai_note_naming_a_hidden_foreign_name_is_scrubbed_for_reports(people):
    registry = protection.registry(audience=protection.Audience.REPORTS)
    scrubbed = registry.scrub("ขอบคุณ เดวิด มิลเลอร์ ที่เล่าประสบการณ์")
    assert "เดวิด" not in scrubbed
    assert "มิลเลอร์" not in scrubbed


def test_an_erased_foreign_name_in_thai_script_is_still_found(people):
    admin = factories.UserFactory()
    account_services.set_role(user=admin, role="admin")
    erased = people["Sarah Thompson"]
    erase_person(participant=erased, by=admin)
    assert _found("ขอบคุณ ซาราห์ ทอมป์สัน ที่มาร่วม") == [f"Erased participant {erased.pk}"]
