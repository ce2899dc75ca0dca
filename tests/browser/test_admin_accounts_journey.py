"""An admin's journey on the accounts page: signed in with TOTP, they find a person, make
them secretariat staff through the confirmation page, and the person's next page obeys."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts import services as account_services
from accounts.models import AuditEntry
from tests import factories
from tests.browser.helpers import activate_totp, sign_in_with_cookie, sign_in_with_totp

pytestmark = pytest.mark.browser


def test_admin_makes_a_participant_secretariat_staff(page, other_page, live_server, settings):
    settings.REQUIRE_STAFF_MFA = True
    admin = factories.UserFactory(email="director@example.org", name="Programme Director")
    account_services.set_role(user=admin, role="admin")
    activate_totp(admin)
    person = factories.UserFactory(email="kanya@example.org", name="Kanya Srisuk", language="th")
    factories.ParticipantFactory(
        user=person, email=person.email, full_name="Kanya Srisuk", preferred_language="th"
    )
    factories.UserFactory(email="someone.else@example.org", name="Someone Else")

    sign_in_with_totp(page, email=admin.email, after=r"/staff/$")
    page.get_by_role("navigation").get_by_role("link", name="Accounts").click()
    page.wait_for_url(re.compile(r"/staff/accounts/$"))
    page.get_by_label("Name or e-mail").fill("kanya")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"/staff/accounts/\?"))
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "Participant" in rows.first.inner_text()
    page.screens("accounts-search")

    rows.first.get_by_role("link", name=re.compile("^Change role")).click()
    page.wait_for_url(re.compile(r"/staff/accounts/\d+/role/$"))
    page.get_by_label("Secretariat staff").check()
    page.screens("role-confirm")
    page.get_by_role("button", name="Change the role").click()
    page.wait_for_url(re.compile(r"/staff/accounts/$"))
    page.get_by_text("The role is changed and the person is told by e-mail.").wait_for()
    row = page.locator("tbody tr").filter(has_text="kanya@example.org")
    assert "Secretariat staff" in row.inner_text()
    page.screens("role-changed")

    assert AuditEntry.objects.filter(action="user.role_changed", actor=admin).count() == 1
    [message] = [m for m in mail.outbox if m.to == ["kanya@example.org"]]
    assert "บทบาท" in message.subject  # in Thai, the person's language

    # The person's next page: staff pages, after setting up an authenticator app.
    person_page = other_page("person")
    sign_in_with_cookie(person_page, live_server, person)
    person_page.goto("/staff/")
    # Sent to set up TOTP (allauth asks for the password again first), not a 403 page.
    person_page.wait_for_url(re.compile(r"/accounts/(2fa/totp/activate|reauthenticate)/"))
