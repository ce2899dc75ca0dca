"""The letter PDF says what it must, in the chosen languages, read back with pypdf; the
letter text's placeholders are checked when staff save it."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from convenings import visa
from convenings.models import Payer
from convenings.selectors.visa import letter_template
from convenings.services import visa as visa_services
from tests import factories

from .visa_helpers import accepted, choices, thai_convening, with_details

pytestmark = pytest.mark.django_db


def _text(letter) -> str:
    with letter.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def _pages(letter) -> int:
    with letter.file.open("rb") as handle:
        return len(PdfReader(io.BytesIO(handle.read())).pages)


@pytest.mark.parametrize("passport_name", ["Siriporn Wongsawat", "ศิริพร วงศ์สวัสดิ์"])
def test_letter_in_english_and_thai_holds_the_passport_name(passport_name, staff_user):
    convening = thai_convening(title="Case management", title_th="การจัดการรายกรณี")
    invitation = accepted(convening)
    with_details(invitation, passport_name=passport_name, nationality="ID")
    letter, _created = visa_services.generate_visa_letter(
        invitation=invitation,
        by=staff_user,
        choices=choices(second_language="th", meals_paid_by=Payer.PARTICIPANT),
    )
    text = _text(letter)
    assert text.count(passport_name) >= 4  # twice in each language
    assert "a national of Indonesia" in text
    assert "สัญชาติอินโดนีเซีย" in text  # the Thai copy, with the nationality in Thai
    assert "การจัดการรายกรณี" in text
    assert "Case management" in text
    assert "Travel is paid by the organisers." in text
    assert "Meals are paid by the participant or their organisation." in text
    assert "Amara Secretariat" in text
    assert "Regional Coordinator" in text
    assert "X1234567" in text
    assert _pages(letter) == 2


def test_letter_in_english_and_indonesian(staff_user):
    indonesia = factories.CountryFactory(code="ID", name="Indonesia")
    convening = thai_convening(host_country=indonesia, city="Jakarta", title="Pertemuan")
    invitation = accepted(convening)
    with_details(invitation, passport_name="Budi Santoso", nationality="MY")
    letter, _created = visa_services.generate_visa_letter(
        invitation=invitation, by=staff_user, choices=choices(second_language="id")
    )
    text = _text(letter)
    assert "warga negara Malaysia" in text
    assert "a national of Malaysia" in text
    assert text.count("Budi Santoso") >= 4


def test_english_only_letter_has_one_page_and_no_thai(staff_user):
    invitation = accepted(thai_convening())
    with_details(invitation, passport_name="Ana Example")
    letter, _created = visa_services.generate_visa_letter(
        invitation=invitation, by=staff_user, choices=choices(second_language="")
    )
    text = _text(letter)
    assert _pages(letter) == 1
    assert "Ana Example" in text
    assert "สัญชาติ" not in text


def test_an_edited_text_is_used_by_the_next_letter(staff_user):
    invitation = accepted(thai_convening())
    with_details(invitation, passport_name="Ana Example")
    visa_services.save_letter_text(
        bodies={
            "en": "Dear consul, {passport_name} of {nationality} is our guest.\n\n{signatory_name}"
        },
        by=staff_user,
    )
    letter, _created = visa_services.generate_visa_letter(
        invitation=invitation, by=staff_user, choices=choices(second_language="")
    )
    assert "Dear consul, Ana Example of Indonesia is our guest." in _text(letter)


@pytest.mark.parametrize(
    "text",
    [
        "Hello {name}",
        "Hello {passport_name.__class__}",
        "Hello {passport_name!r}",
        "Hello {passport_name:>40}",
        "Hello {}",
        "Hello {passport_name",
        "Hello passport_name}",
    ],
)
def test_unknown_placeholders_and_stray_braces_are_refused(text):
    with pytest.raises(ValidationError):
        visa.validate_letter_text(text)


def test_the_letter_text_page_shows_unknown_placeholders_next_to_the_field(
    staff_client, staff_user
):
    staff_user.language = "id"
    staff_user.save()
    template = letter_template()
    data = {
        "body_en": "Hello {name}",
        "body_ind": template.body_ind,
        "body_ms": template.body_ms,
        "body_th": "สวัสดี {ชื่อ}",
    }
    response = staff_client.post(
        reverse("convenings:staff-visa-letter-text"), data, HTTP_ACCEPT_LANGUAGE="id"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"body_en", "body_th"}
    assert "{name}" in form.errors["body_en"][0]
    with translation.override("id"):
        said = gettext(
            "Unknown placeholder: %(names)s. Use only the placeholders listed below the text."
        ) % {"names": "{name}"}
    assert said.startswith("Placeholder")  # Indonesian, not the English text
    assert form.errors["body_en"] == [said]
    assert letter_template().body_en != "Hello {name}"


def test_the_first_text_exists_in_all_four_languages():
    template = letter_template()
    for column in ("body_en", "body_ind", "body_ms", "body_th"):
        text = getattr(template, column)
        visa.validate_letter_text(text)
        assert {"passport_name", "nationality", "costs"} <= set(visa.placeholders_in(text))
    assert template.body_th != template.body_en
    assert template.body_ind != template.body_ms


def test_the_host_language_is_thai_indonesian_malay_or_none():
    assert [visa.host_language(c) for c in ("TH", "ID", "MY", "AU", "NZ")] == [
        "th",
        "id",
        "ms",
        "",
        "",
    ]
