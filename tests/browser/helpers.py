"""Steps the browser journeys share: signing in as a user would, reading the e-mailed code."""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD

TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def current_totp(secret: str = TOTP_SECRET) -> str:
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def activate_totp(user, secret: str = TOTP_SECRET) -> None:
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)


def sign_in_with_totp(page, *, email: str, secret: str = TOTP_SECRET, after: str) -> None:
    """Password, then the authenticator code; waits until the page at `after` (a regex)."""
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    # A code is good for its 30-second window only (no tolerance): on a loaded machine a
    # code typed in the last seconds arrives in the next window, so wait for a fresh one.
    if 30 - time.time() % 30 < 8:
        time.sleep(30 - time.time() % 30 + 0.5)
    page.fill("input[name=code]", current_totp(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(after))


def code_from_mail(address: str) -> str:
    """The sign-in code in the last message allauth sent to `address`."""
    messages = [m for m in mail.outbox if address in m.to]
    assert messages, f"no e-mail to {address}"
    lines = [line.strip() for line in messages[-1].body.splitlines()]
    return next(line for line in lines if re.fullmatch(r"[A-Z0-9][A-Z0-9-]{4,}", line))


def sign_in_with_cookie(page, live_server, user) -> None:
    """Skip the sign-in form (journeys that test it do so elsewhere)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
