"""Finding things in a real browser: the champion picker as one types (htmx), a likely
duplicate outcome warned about before saving, and a list sorted by its column header."""

from __future__ import annotations

import re

import pytest

from accounts import services as account_services
from outcomes.models import Outcome
from tests import factories
from tests.browser.helpers import sign_in_with_cookie
from tests.outcomes.factories import OutcomeFactory

pytestmark = pytest.mark.browser


def test_staff_find_a_champion_as_they_type_and_are_warned_of_a_duplicate(page, live_server):
    staff = factories.UserFactory(email="officer@example.org")
    account_services.set_role(user=staff, role="staff")
    th = factories.CountryFactory(code="TH")
    somchai = factories.ParticipantFactory(
        full_name="Somchai Jaidee", other_names="สมชาย ใจดี", country=th
    )
    for n in range(5):
        factories.ParticipantFactory(full_name=f"Other Person {n}", country=th)
    OutcomeFactory(title_en="Community care pilot starts")
    sign_in_with_cookie(page, live_server, staff)

    page.goto(f"{live_server.url}/staff/outcomes/new/")
    page.get_by_label("Kind of outcome").select_option(index=1)
    page.get_by_label("Date").fill("2024-03-01")
    page.locator("#id_title_en").fill("Community care pilot starts!")
    page.locator("#id_what_changed_en").fill("A pilot began in two provinces.")
    # Typing in the search box brings the matches in without leaving the page.
    page.get_by_label("Find champions").fill("สมชาย")
    page.get_by_label(re.compile(r"^Somchai Jaidee · ")).check()
    assert page.get_by_label(re.compile(r"^Other Person")).count() == 0
    # A second search keeps the person ticked (the ticked boxes go with the search).
    page.get_by_label("Find champions").fill("other person 3")
    page.get_by_label(re.compile(r"^Other Person 3 · ")).wait_for()
    assert page.get_by_label(re.compile(r"^Somchai Jaidee · ")).is_checked()
    page.get_by_role("button", name="Save outcome").click()

    # Nothing saved yet: the outcome with the same title is shown first.
    page.get_by_role("heading", name="This may already be recorded").wait_for()
    assert Outcome.objects.count() == 1
    assert page.get_by_label(re.compile(r"^Somchai Jaidee · ")).is_checked()
    page.get_by_role("button", name="Save anyway").click()
    page.wait_for_url(re.compile(r"/staff/outcomes/\d+/$"))
    assert Outcome.objects.count() == 2
    assert list(Outcome.objects.latest("pk").champions.all()) == [somchai]

    # The list sorts by a column header, a plain link, and says which.
    page.goto(f"{live_server.url}/staff/outcomes/")
    page.get_by_role("link", name="Outcome", exact=True).click()
    page.wait_for_url(re.compile(r"sort=title"))
    header = page.get_by_role("columnheader", name="Outcome")
    assert header.get_attribute("aria-sort") == "ascending"
