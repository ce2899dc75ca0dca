"""A participant's journey on a 360x740 phone: signed in by e-mailed code, in Thai.

They reply to their invitation (coming, Thai interpretation, the Chatham House Rule
accepted), save the convening to their calendar and download a briefing as PDF; the
secretariat's replies tab then counts one more Thai interpretation seat.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from accounts import services as account_services
from briefings.models import BriefingDownload
from convenings.models import ConveningStatus, InvitationStatus
from tests import factories
from tests.briefings.factories import BriefingFactory, thai
from tests.browser.conftest import PHONE
from tests.browser.helpers import code_from_mail, sign_in_with_cookie

pytestmark = pytest.mark.browser


def th(message: str, context: str | None = None) -> str:
    """What the Thai page says for this UI string (the catalogue, not a copy here)."""
    with translation.override("th"):
        text = pgettext(context, message) if context else gettext(message)
    assert text != message, f"no Thai translation for {message!r}"
    return text


@pytest.fixture
def invited():
    thailand = factories.CountryFactory(code="TH", name="Thailand")
    start = timezone.localdate() + dt.timedelta(days=45)
    convening = factories.ConveningFactory(
        title="Regional convening on case management",
        title_th="การประชุมระดับภูมิภาคว่าด้วยการจัดการรายกรณี",
        host_country=thailand,
        city="Chiang Mai",
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        status=ConveningStatus.OPEN,
        chatham_house=True,
        interpretation_languages=["th", "ms"],
    )
    factories.AgendaSessionFactory(convening=convening, title="Opening circle")
    user = factories.UserFactory(email="khun.ploy@example.org", name="Ploy Example")
    person = factories.ParticipantFactory(
        user=user, email=user.email, full_name="Ploy Example", country=thailand
    )
    invitation = factories.InvitationFactory(convening=convening, participant=person)
    # Someone already coming with Thai interpretation: the seat count starts at one, and
    # their name must not travel in the calendar file.
    other = factories.ParticipantFactory(full_name="Somchai Otherperson", country=thailand)
    factories.InvitationFactory(
        convening=convening,
        participant=other,
        status=InvitationStatus.ACCEPTED,
        interpretation_language="th",
        chatham_house_accepted_at=timezone.now(),
    )
    briefing = thai(BriefingFactory(convening=convening, title_en="Case management for children"))
    staff = factories.UserFactory(email="officer@example.org")
    account_services.set_role(user=staff, role="staff")
    return {
        "convening": convening,
        "user": user,
        "invitation": invitation,
        "other": other,
        "briefing": briefing,
        "staff": staff,
    }


def _thai_seats(page, convening) -> int:
    page.goto(f"/staff/convenings/{convening.pk}/replies/")
    return int(page.locator("td[data-language=th]").inner_text())


def test_participant_on_a_phone_replies_in_thai_and_downloads(
    phone_page, other_page, live_server, invited, tmp_path
):
    page = phone_page
    convening = invited["convening"]
    staff_page = other_page("staff")
    sign_in_with_cookie(staff_page, live_server, invited["staff"])
    assert _thai_seats(staff_page, convening) == 1
    staff_page.screens("replies-before")

    # Sign in with the code that arrives by e-mail.
    mail.outbox = []
    page.goto("/portal/")
    page.get_by_role("link", name="Send me a sign-in code").click()
    page.get_by_label("Email").fill(invited["user"].email)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    page.get_by_label("Code").fill(code_from_mail(invited["user"].email))
    page.screens("code")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/portal/$"))

    # Thai from the switcher; the page answers in Thai from then on.
    with page.expect_navigation():
        page.get_by_label("Language").select_option("th")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text() == th("My convenings")
    page.screens("portal-th")

    page.get_by_role("link", name=convening.title_th).click()
    page.wait_for_url(re.compile(rf"/portal/convenings/{convening.pk}/$"))
    assert page.locator("h1").inner_text() == convening.title_th
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screens("convening-th")

    # The reply: coming, with Thai interpretation, the Chatham House Rule accepted.
    page.get_by_role("link", name=th("Reply now")).click()
    page.get_by_role("radio", name=th("Yes, I will take part", "reply"), exact=True).check()
    page.get_by_label(th("Interpretation into")).select_option("th")
    page.get_by_label(th("Dietary needs")).fill("มังสวิรัติ")
    page.get_by_label(th("I accept the Chatham House Rule for this convening")).check()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screens("reply-th")
    page.get_by_role("button", name=th("Send my reply")).click()
    page.wait_for_url(re.compile(rf"/portal/convenings/{convening.pk}/$"))
    page.get_by_text(th("Thank you: your reply is saved.")).wait_for()
    page.screens("replied-th")
    invitation = invited["invitation"]
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.interpretation_language == "th"
    assert invitation.chatham_house_accepted_at is not None

    # The calendar file: the convening, and nobody's name.
    with page.expect_download() as info:
        page.get_by_role("link", name=th("One event for the convening")).click()
    ics = Path(info.value.path()).read_bytes().decode()
    assert info.value.suggested_filename.endswith(".ics")
    assert ics.count("BEGIN:VEVENT") == 1
    assert "ATTENDEE" not in ics
    unfolded = ics.replace("\r\n ", "")
    for name in ("Ploy", "Somchai", "Otherperson"):
        assert name not in unfolded
    assert convening.title_th in unfolded

    # A briefing as PDF, in Thai.
    page.get_by_role("navigation", name=th("My pages")).get_by_role(
        "link", name=th("Briefings")
    ).click()
    page.get_by_role("heading", name=invited["briefing"].title_th).wait_for()
    page.screens("briefings-th")
    with page.expect_download() as info:
        page.get_by_role("link", name=th("Download as PDF")).click()
    pdf = Path(info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert info.value.suggested_filename == "case-management-for-children-th.pdf"
    assert BriefingDownload.objects.filter(
        briefing=invited["briefing"], language="th", participant=invitation.participant
    ).exists()

    # The secretariat sees one more Thai interpretation seat.
    assert _thai_seats(staff_page, convening) == 2
    staff_page.screens("replies-after")


def test_participant_in_bangkok_follows_a_wellington_convening_in_venue_time(
    phone_page, live_server, tmp_path
):
    """Outside Bangkok's zone: a Wellington convening in New Zealand's summer time. The
    page gives the venue's 09:00 NZDT with the reader's own 03:00 beside it, the calendar
    file puts the session at that instant, and after the reader moves their own zone to
    Wellington ("My profile") the second time goes away."""
    from convenings.models import ConveningStatus

    page = phone_page
    new_zealand = factories.CountryFactory(code="NZ", name="New Zealand")
    thailand = factories.CountryFactory(code="TH", name="Thailand")
    day = dt.date(timezone.localdate().year + 1, 1, 12)  # NZDT, UTC+13
    convening = factories.ConveningFactory(
        title="Wellington peer exchange",
        host_country=new_zealand,
        city="Wellington",
        time_zone="Pacific/Auckland",
        venue_name="Te Papa",
        start_date=day,
        end_date=day + dt.timedelta(days=1),
        status=ConveningStatus.OPEN,
    )
    factories.AgendaSessionFactory(convening=convening, title="Opening circle")
    user = factories.UserFactory(email="nok@example.org", name="Nok Example")
    person = factories.ParticipantFactory(
        user=user, email=user.email, country=thailand, time_zone="Asia/Bangkok"
    )
    factories.InvitationFactory(convening=convening, participant=person)
    sign_in_with_cookie(page, live_server, user)

    page.goto(f"/portal/convenings/{convening.pk}/")
    opening = page.locator(".session", has_text="Opening circle")
    assert opening.locator(".session-time").inner_text().startswith("09:00\u201310:00 NZDT")
    assert "03:00\u201304:00 your time" in opening.inner_text()
    assert "Pacific/Auckland (NZDT)" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screens("wellington-venue-time")

    with page.expect_download() as info:
        page.get_by_role("link", name="One event per session").click()
    ics = Path(info.value.path()).read_bytes().decode().replace("\r\n ", "")
    previous_day = day - dt.timedelta(days=1)
    assert f"DTSTART:{previous_day:%Y%m%d}T200000Z" in ics  # 09:00 NZDT
    assert f"{day:%Y-%m-%d} 09:00-10:00 NZDT (Pacific/Auckland)" in ics

    # The reader travels to Wellington and says so: one time only, the venue's.
    page.goto("/portal/profile/")
    page.get_by_label("Your time zone").select_option("Pacific/Auckland")
    page.get_by_role("button", name="Save my profile").click()
    page.wait_for_url(re.compile(r"/portal/profile/$"))
    page.goto(f"/portal/convenings/{convening.pk}/")
    opening = page.locator(".session", has_text="Opening circle")
    assert opening.locator(".session-time").inner_text().startswith("09:00\u201310:00 NZDT")
    assert "your time" not in opening.inner_text()
    page.screens("wellington-own-zone")
