"""A participant on a 360x740 phone reports an outcome in Malay from the portal; staff
find it waiting and accept it as an outcome."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from accounts import services as account_services
from convenings.models import ConveningStatus, InvitationStatus
from outcomes.models import Outcome, OutcomeSubmission, SubmissionStatus
from tests import factories
from tests.briefings.factories import PDF_BYTES
from tests.browser.conftest import PHONE
from tests.browser.helpers import sign_in_with_cookie

pytestmark = pytest.mark.browser


def ms(message: str, context: str | None = None) -> str:
    """What the Malay page says for this UI string (the catalogue, not a copy here)."""
    with translation.override("ms"):
        text = pgettext(context, message) if context else gettext(message)
    assert text != message, f"no Malay translation for {message!r}"
    return text


@pytest.fixture
def people():
    malaysia = factories.CountryFactory(code="MY", name="Malaysia", name_ms="Malaysia")
    user = factories.UserFactory(email="aisyah@example.org", name="Aisyah Example")
    person = factories.ParticipantFactory(
        user=user,
        email=user.email,
        full_name="Aisyah Example",
        country=malaysia,
        preferred_language="ms",
    )
    convening = factories.ConveningFactory(
        title="Kuala Lumpur convening",
        title_ms="Pertemuan Kuala Lumpur",
        host_country=malaysia,
        start_date=dt.date(2024, 3, 4),
        end_date=dt.date(2024, 3, 5),
        status=ConveningStatus.HELD,
    )
    factories.InvitationFactory(
        convening=convening, participant=person, status=InvitationStatus.ATTENDED
    )
    staff = factories.UserFactory(email="officer@example.org")
    account_services.set_role(user=staff, role="staff")
    return {"user": user, "person": person, "convening": convening, "staff": staff}


def test_participant_reports_an_outcome_in_malay_on_a_phone(
    phone_page, other_page, live_server, people, tmp_path
):
    page = phone_page
    sign_in_with_cookie(page, live_server, people["user"])
    page.goto("/portal/")
    # Their preferred language is Malay: the portal speaks it from the first page.
    assert page.locator("html").get_attribute("lang") == "ms"

    page.get_by_role("link", name=ms("My outcomes")).click()
    page.wait_for_url(re.compile(r"/portal/outcomes/$"))
    page.get_by_role("link", name=ms("Report an outcome")).click()
    page.wait_for_url(re.compile(r"/portal/outcomes/new/$"))
    assert page.locator("h1").inner_text() == ms("Report an outcome")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screens("form-ms")

    # First try: a date in the future and a file that is not a document.
    what = "Jabatan Imigresen mula merujuk kanak-kanak tanpa pengiring ke rumah komuniti."
    page.get_by_label(ms("What changed?")).fill(what)
    page.get_by_role("radio", name=ms("A government body or official")).check()
    page.get_by_label(ms("Which body, organisation or group?")).fill("Jabatan Imigresen Malaysia")
    page.get_by_label(ms("When did it change?")).fill("2099-01-01")
    page.get_by_label(ms("Where?")).select_option(label="Malaysia")
    page.get_by_label(ms("Why does it matter for children and families?")).fill(
        "Kanak-kanak tidak lagi ditahan di depot."
    )
    page.get_by_label(ms("How did the platform contribute?")).fill(
        "Pegawai melihat penjagaan komuniti semasa lawatan tapak."
    )
    page.get_by_role("checkbox", name="Pertemuan Kuala Lumpur (tahun 2024)").check()
    bad = tmp_path / "bukti.pdf"
    bad.write_bytes(b"MZ not a document at all")
    page.get_by_label(ms("Evidence: a file")).set_input_files(str(bad))
    page.get_by_role("radio", name=re.compile("^" + re.escape(ms("Described, not named")))).check()
    page.get_by_role("button", name=ms("Send to the secretariat")).click()
    page.get_by_text(
        ms("Please correct the fields marked below. Everything you typed is kept.")
    ).wait_for()
    page.screens("errors-ms")
    # Everything typed is kept; the file must be chosen again, and the page says so.
    assert page.get_by_label(ms("What changed?")).input_value() == what
    assert page.get_by_label(ms("Which body, organisation or group?")).input_value() == (
        "Jabatan Imigresen Malaysia"
    )
    assert page.get_by_role("checkbox", name="Pertemuan Kuala Lumpur (tahun 2024)").is_checked()
    assert page.get_by_role(
        "radio", name=re.compile("^" + re.escape(ms("Described, not named")))
    ).is_checked()
    page.get_by_text(
        ms(
            "Choose your file again: for your safety, a browser does not keep a chosen file when "
            "the page comes back with a question."
        )
    ).wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Second try: a past date and a real PDF.
    page.get_by_label(ms("When did it change?")).fill("2024-08-01")
    good = tmp_path / "pekeliling.pdf"
    good.write_bytes(PDF_BYTES)
    page.get_by_label(ms("Evidence: a file")).set_input_files(str(good))
    page.get_by_role("button", name=ms("Send to the secretariat")).click()
    page.wait_for_url(re.compile(r"/portal/outcomes/$"))
    page.get_by_text(
        ms("Thank you. The secretariat will review your outcome and may contact you.")
    ).wait_for()
    page.get_by_text(ms("Waiting for review", "submission status")).wait_for()
    page.screens("sent-ms")

    submission = OutcomeSubmission.objects.get()
    assert submission.participant == people["person"]
    assert submission.language == "ms"
    assert submission.date == dt.date(2024, 8, 1)
    assert submission.evidence_file.read() == PDF_BYTES
    assert list(submission.convenings.all()) == [people["convening"]]

    # Staff find it waiting and accept it as an outcome (English title added).
    staff = other_page("staff")
    sign_in_with_cookie(staff, live_server, people["staff"])
    staff.goto("/staff/outcomes/submitted/")
    staff.get_by_text("1 submission waits for review.").wait_for()
    staff.get_by_role("link", name=what[:40]).click()
    staff.get_by_role("link", name="Accept and edit").click()
    staff.get_by_label("Kind of outcome").select_option("national_reform")
    staff.locator("#id_title_en").fill("Malaysia refers unaccompanied children to community homes")
    staff.locator("#id_what_changed_en").fill("Immigration refers unaccompanied children to homes.")
    staff.get_by_role("button", name="Save outcome").click()
    staff.wait_for_url(re.compile(r"/staff/outcomes/\d+/$"))
    outcome = Outcome.objects.get()
    assert outcome.what_changed_ms == what
    assert outcome.evidence.count() == 1
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    assert submission.outcome == outcome
