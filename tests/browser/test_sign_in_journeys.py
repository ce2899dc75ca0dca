"""Sign-in journeys in a real browser: staff with password and TOTP, a participant by e-mailed code."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts import services
from tests import factories
from tests.browser.helpers import TOTP_SECRET, code_from_mail, current_totp
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_staff_signs_in_with_password_and_totp(page, settings):
    from allauth.mfa.totp.internal.auth import TOTP

    settings.REQUIRE_STAFF_MFA = True
    user = factories.UserFactory(email="officer@example.org", name="Secretariat Officer")
    services.set_role(user=user, role="staff")
    TOTP.activate(user, TOTP_SECRET)

    page.goto("/staff/")
    assert "/accounts/login/" in page.url
    page.screens("sign-in")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.screens("totp")
    page.fill("input[name=code]", current_totp(TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()

    page.wait_for_url(re.compile(r"/staff/$"))
    assert page.locator("h1").inner_text() == "Secretariat dashboard"
    page.screens("dashboard")


def test_staff_with_a_wrong_totp_code_stays_out(page, settings):
    from allauth.mfa.totp.internal.auth import TOTP

    settings.REQUIRE_STAFF_MFA = True
    user = factories.UserFactory(email="officer2@example.org")
    services.set_role(user=user, role="staff")
    TOTP.activate(user, TOTP_SECRET)

    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    wrong = "000000" if current_totp(TOTP_SECRET) != "000000" else "111111"
    page.fill("input[name=code]", wrong)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/accounts/2fa/authenticate/" in page.url
    # The dashboard stays out of reach: allauth sends the half-signed-in back to the code.
    page.goto("/staff/")
    assert "/accounts/" in page.url
    assert page.locator("h1").inner_text() != "Secretariat dashboard"


def test_participant_on_a_phone_signs_in_by_code_and_switches_to_thai(phone_page):
    page = phone_page
    mail.outbox = []
    user = factories.UserFactory(email="khun.ploy@example.org", name="Ploy Example")
    factories.ParticipantFactory(user=user, email=user.email, full_name="Ploy Example")

    page.goto("/portal/")
    assert "/accounts/login/" in page.url
    page.get_by_role("link", name="Send me a sign-in code").click()
    page.wait_for_url(re.compile(r"/accounts/login/code/"))
    page.fill("input[name=email]", user.email)
    page.screens("request-code")
    page.locator("main form button[type=submit]").first.click()

    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    page.fill("input[name=code]", code_from_mail(user.email))
    page.screens("enter-code")
    page.locator("main form button[type=submit]").first.click()

    page.wait_for_url(re.compile(r"/portal/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "My convenings"
    page.screens("portal-en")

    # The switcher submits itself on change (static/js/app.js); no button is needed.
    assert page.locator("[data-autosubmit-hide]").is_hidden()
    with page.expect_navigation():
        page.select_option("#language-select", "th")
    page.wait_for_url(re.compile(r"/portal/$"))
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text() == "การประชุมของฉัน"
    page.screens("portal-th")

    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_sign_in_page_on_a_phone_has_no_console_errors(phone_page):
    page = phone_page
    page.goto("/accounts/login/")
    assert page.locator("h1").inner_text() == "Sign in"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
