"""The admin's privacy pages in a real browser: the audit log on a desktop, erasure on a phone in Thai."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from accounts import audit, services
from tests import factories

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, user) -> None:
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


@pytest.fixture
def history(admin_user):
    staff = factories.UserFactory(email="officer@example.org")
    services.set_role(user=staff, role="staff")
    person = factories.ParticipantFactory(full_name="Nurul Hidayah Rahman", position="Analyst")
    invitation = factories.InvitationFactory(participant=person)
    audit.record(actor=staff, action="participant.created", obj=person)
    audit.record(
        actor=staff,
        action="participant.updated",
        obj=person,
        changes={"position": ["Analyst", "Policy officer"], "consent_quoted": [False, True]},
    )
    audit.record(actor=staff, action="invitation.created", obj=invitation)
    return person


def test_admin_filters_the_audit_log_on_a_desktop(page, live_server, admin_user, history):
    _sign_in(page, live_server, admin_user)
    page.goto("/staff/audit/")
    assert page.locator("h1").inner_text() == "Audit log"
    assert page.locator("ul.list > li").count() == 3
    page.screens("audit-log-en")

    page.select_option("#id_object_type", "convenings.invitation")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"object_type=convenings.invitation"))
    assert page.locator("ul.list > li").count() == 1
    page.screens("audit-log-filtered")


def test_admin_erases_a_person_on_a_phone_in_thai(phone_page, live_server, admin_user, history):
    page = phone_page
    services.set_language(user=admin_user, language="th")
    _sign_in(page, live_server, admin_user)
    page.goto(f"/staff/people/{history.pk}/erase/")
    assert page.locator("h1").inner_text() == "ลบข้อมูลบุคคล"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screens("erase-confirm-th")

    page.get_by_role("button", name="ลบข้อมูลของบุคคลนี้").click()
    page.wait_for_load_state()
    assert page.locator("#confirm-errors").is_visible()  # not confirmed yet: nothing happened
    history.refresh_from_db()
    assert history.full_name == "Nurul Hidayah Rahman"

    page.check("#id_confirm")
    page.get_by_role("button", name="ลบข้อมูลของบุคคลนี้").click()
    page.wait_for_url(re.compile(r"/staff/audit/\?"))
    assert "Nurul" not in page.content()
    # The newest entry is the erasure, its action shown in Thai ("erased").
    assert page.locator("ul.list > li").first.inner_text().count("ลบข้อมูลแล้ว") == 1
    page.screens("after-erasure-th")


def test_accounts_page_fits_a_phone_in_thai(phone_page, live_server, admin_user, history):
    # The visually hidden labels of the action links ("Deactivate (name)") are absolutely
    # positioned; they must stay inside the scrolled table, not widen the page.
    page = phone_page
    services.set_language(user=admin_user, language="th")
    _sign_in(page, live_server, admin_user)
    page.goto("/staff/accounts/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
