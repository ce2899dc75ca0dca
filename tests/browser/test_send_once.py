"""In a real browser, a send button is disabled after the first submit (static/js/app.js).

The server is what guarantees one send (tests/integration/test_send_once.py); this is the
courtesy on top: a second click or submit does not even reach it. Chromium itself may
drop a double click's second navigation, so the test stops the navigation and counts the
submits the script lets through.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import services as account_services
from convenings.models import ReminderBatch
from tests import factories
from tests.browser.helpers import sign_in_with_cookie
from tests.convenings.factories import open_convening

pytestmark = pytest.mark.browser


def test_a_double_click_on_send_a_reminder_posts_once(page, live_server):
    staff = factories.UserFactory()
    account_services.set_role(user=staff, role="staff")
    convening = open_convening()
    invitations = [factories.InvitationFactory(convening=convening) for _ in range(2)]
    sign_in_with_cookie(page, live_server, staff)
    remind_url = reverse("convenings:staff-remind", args=[convening.pk])
    page.goto(reverse("convenings:staff-invitations", args=[convening.pk]))
    page.get_by_label("Tick everyone who has not replied").check()
    # Count the submits that would go to the server, and keep the page here to look at it:
    # a listener on the document runs after the form's own, sees whether app.js stopped
    # the submit, then stops it itself.
    page.evaluate(
        """() => {
          window.wouldPost = 0;
          document.addEventListener("submit", (event) => {
            if (!event.defaultPrevented) { window.wouldPost += 1; }
            event.preventDefault();
          });
        }"""
    )
    button = page.get_by_role("button", name="Send a reminder to the people ticked")
    button.click()
    page.wait_for_function("() => document.querySelector('form[data-send-once] button').disabled")
    # Enter in the form, or a script submitting it again, while the first POST is on its way.
    page.locator("form[data-send-once]").first.evaluate("form => form.requestSubmit()")
    assert page.evaluate("() => window.wouldPost") == 1
    assert button.is_disabled()
    page.screens("sending")

    # What the one POST does (the form as the browser would send it) is one batch.
    form = page.locator("form[data-send-once]").first
    key = form.locator("input[name=send_key]").input_value()
    staff_client = Client()
    staff_client.force_login(staff)
    for _ in range(2):
        staff_client.post(
            remind_url,
            {"invitations": [i.pk for i in invitations], "send_key": key, "confirm": "1"},
        )
    assert ReminderBatch.objects.count() == 1
    assert Counter(m.to[0] for m in mail.outbox) == {i.participant.email: 1 for i in invitations}
