"""On-site check-in in a real browser at phone width (360 px): a participant shows the code
on their phone (in Bahasa Indonesia); staff open the address the QR carries, check them in,
find a second person by name, and watch the count."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from accounts import services as account_services
from convenings import checkin
from convenings.models import CheckIn, ConveningStatus, InvitationStatus
from participants.models import Visibility
from tests import factories
from tests.browser.conftest import PHONE
from tests.browser.helpers import sign_in_with_cookie

pytestmark = pytest.mark.browser


def test_staff_check_a_participant_in_on_a_phone(phone_page, other_page, live_server, settings):
    settings.SITE_URL = live_server.url  # the QR's address points at this server
    today = timezone.localdate()
    convening = factories.ConveningFactory(
        title="Konvensyen Kuala Lumpur",
        status=ConveningStatus.OPEN,
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=1),
        time_zone="Asia/Bangkok",
    )
    user = factories.UserFactory(email="wulan@example.org", language="id")
    wulan = factories.ParticipantFactory(
        full_name="Wulan Sari", display_name="Wulan Sari", user=user, preferred_language="id"
    )
    mine = factories.InvitationFactory(
        convening=convening, participant=wulan, status=InvitationStatus.ACCEPTED
    )
    river = factories.InvitationFactory(
        convening=convening,
        status=InvitationStatus.ACCEPTED,
        participant=factories.ParticipantFactory(
            full_name="Siti Rahmawati", display_name="River", visibility=Visibility.PSEUDONYMOUS
        ),
    )
    staff = factories.UserFactory(email="desk@example.org")
    account_services.set_role(user=staff, role="staff")

    # The participant opens their code on their phone, in Bahasa Indonesia.
    participant_page = other_page("participant", PHONE)
    sign_in_with_cookie(participant_page, live_server, user)
    participant_page.goto(f"{live_server.url}/portal/convenings/{convening.pk}/")
    participant_page.get_by_role("link", name="Kode kehadiran saya").click()
    participant_page.get_by_role("heading", name="Kode kehadiran saya").wait_for()
    assert participant_page.locator(".my-code svg.qr").is_visible()
    participant_page.screens("my-code")

    # Staff at the desk: the QR carries the scan page's address with the opaque code.
    sign_in_with_cookie(phone_page, live_server, staff)
    phone_page.goto(f"{live_server.url}/staff/convenings/{convening.pk}/check-in/")
    phone_page.get_by_role("heading", name="Check-in").wait_for()
    token = checkin.issue_badge_codes(invitations=[mine])[mine.pk]
    phone_page.goto(f"{live_server.url}/staff/check-in/{token}/")
    phone_page.get_by_role("heading", name="Wulan Sari").wait_for()
    phone_page.screens("scanned")
    phone_page.get_by_role("button", name="Check in").click()
    phone_page.get_by_text("Checked in: Wulan Sari.").wait_for()
    assert re.search(r"1\s*/\s*2", phone_page.locator("#checkin-counts").inner_text())

    # The same badge scanned again checks in nobody twice.
    phone_page.goto(f"{live_server.url}/staff/check-in/{token}/")
    phone_page.get_by_text("Already checked in for this day.").wait_for()

    # A second person found by name: the pseudonym, never the real name.
    phone_page.goto(f"{live_server.url}/staff/convenings/{convening.pk}/check-in/")
    phone_page.get_by_label("Name").fill("river")
    phone_page.get_by_role("button", name="Find").click()
    phone_page.get_by_role("heading", name="People found").wait_for()
    assert "Siti" not in phone_page.locator("main").inner_text()
    phone_page.get_by_role("button", name="Check in River").click()
    phone_page.get_by_text("Checked in: River.").wait_for()
    assert re.search(r"2\s*/\s*2", phone_page.locator("#checkin-counts").inner_text())
    # Nothing wider than the phone's screen.
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    phone_page.screens("desk")

    assert CheckIn.objects.filter(invitation__convening=convening).count() == 2
    river.refresh_from_db()
    assert river.status == InvitationStatus.ATTENDED
