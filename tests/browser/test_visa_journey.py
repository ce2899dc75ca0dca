"""Visa support in a real browser: a participant on a 360 px phone, in Bahasa Indonesia,
enters visa details (first with the passport name missing: the message stands next to the
field, in Indonesian), staff make the letter (preview, then confirm), and the participant
downloads it from the portal."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from accounts import services as account_services
from convenings.models import ConveningStatus, InvitationStatus, VisaDetails, VisaLetter
from tests import factories
from tests.browser.conftest import PHONE
from tests.browser.helpers import sign_in_with_cookie

pytestmark = pytest.mark.browser


def in_id(message: str) -> str:
    """What the Indonesian page says for this UI string (the catalogue, not a copy here)."""
    with translation.override("id"):
        text = gettext(message)
    assert text != message, f"no Indonesian translation for {message!r}"
    return text


@pytest.fixture
def invited():
    thailand = factories.CountryFactory(code="TH", name="Thailand")
    indonesia = factories.CountryFactory(code="ID", name="Indonesia")
    start = timezone.localdate() + dt.timedelta(days=40)
    convening = factories.ConveningFactory(
        title="Regional convening on case management",
        host_country=thailand,
        city="Chiang Mai",
        start_date=start,
        end_date=start + dt.timedelta(days=2),
        status=ConveningStatus.OPEN,
    )
    user = factories.UserFactory(email="budi@example.org", name="Budi Santoso", language="id")
    person = factories.ParticipantFactory(
        user=user,
        email=user.email,
        full_name="Budi Santoso",
        country=indonesia,
        preferred_language="id",
    )
    invitation = factories.InvitationFactory(
        convening=convening, participant=person, status=InvitationStatus.ACCEPTED
    )
    staff = factories.UserFactory(email="officer@example.org", language="en")
    account_services.set_role(user=staff, role="staff")
    return {"convening": convening, "user": user, "invitation": invitation, "staff": staff}


def test_participant_on_a_phone_in_indonesian_gives_visa_details_and_downloads_the_letter(
    phone_page, other_page, live_server, invited
):
    page = phone_page
    convening = invited["convening"]
    invitation = invited["invitation"]
    sign_in_with_cookie(page, live_server, invited["user"])

    page.goto(f"/portal/convenings/{convening.pk}/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_role("link", name=in_id("Visa details and letter")).click()
    page.wait_for_url(re.compile(rf"/portal/convenings/{convening.pk}/visa/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The letter is asked for, but the passport name is missing: said next to the field.
    page.get_by_label(in_id("I need a visa to enter the host country")).check()
    page.get_by_label(
        in_id("Please prepare a letter of invitation for my visa application")
    ).check()
    page.get_by_label(in_id("Nationality")).select_option("ID")
    page.get_by_label(in_id("Passport number")).fill("B7654321")
    page.get_by_label(in_id("Passport valid until")).fill(
        (convening.end_date + dt.timedelta(days=700)).isoformat()
    )
    page.get_by_role("button", name=in_id("Save my visa details")).click()
    name_field = page.get_by_label(in_id("Name as in the passport"))
    assert name_field.get_attribute("aria-invalid") == "true"
    page.get_by_text(
        in_id("Write your name exactly as it is in your passport: the letter needs it.")
    ).wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screens("visa-error-id")
    assert not VisaDetails.objects.exists()

    name_field.fill("BUDI SANTOSO")
    page.get_by_role("button", name=in_id("Save my visa details")).click()
    page.get_by_text(in_id("Your visa details are saved.")).wait_for()
    page.get_by_text(
        in_id(
            "You asked for a letter of invitation. The secretariat will prepare it; "
            "it will be here to download."
        )
    ).wait_for()
    page.screens("visa-saved-id")
    details = VisaDetails.objects.get()
    assert (details.passport_name, details.nationality) == ("BUDI SANTOSO", "ID")

    # The secretariat makes the letter: preview first, then confirm.
    staff_page = other_page("staff")
    sign_in_with_cookie(staff_page, live_server, invited["staff"])
    staff_page.goto(f"/staff/convenings/{convening.pk}/visa/")
    staff_page.get_by_role("link", name="Budi Santoso").click()
    staff_page.get_by_label("Signed by (name)").fill("Amara Wongsakul")
    staff_page.get_by_label("Title of the signatory").fill("Regional Coordinator")
    staff_page.get_by_role("button", name="Preview the letter").click()
    staff_page.get_by_role("heading", name="Make this letter?").wait_for()
    assert not VisaLetter.objects.exists()
    staff_page.screens("letter-preview")
    staff_page.get_by_role("button", name="Make the letter").click()
    staff_page.get_by_text("The letter is ready.", exact=False).wait_for()
    letter = VisaLetter.objects.get()
    assert letter.invitation_id == invitation.pk

    # The participant downloads it.
    page.reload()
    page.screens("visa-letter-id")
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"\(PDF\)")).click()
    pdf = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename == f"visa-letter-{letter.pk}.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "BUDI SANTOSO" in text
    assert "สัญชาติอินโดนีเซีย" in text  # the Thai copy, the host country's language
