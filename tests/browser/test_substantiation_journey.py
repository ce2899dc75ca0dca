"""An outside substantiator answers in Thai on a 360 px phone, without an account.

Staff ask her from the outcome's substantiation page (a confirmation step first); she
opens the link from her Thai e-mail on a phone, answers, and cannot answer twice; staff
then see her answer and the outcome's state.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext, pgettext

from outcomes.models import Substantiator
from tests.browser.conftest import PHONE
from tests.browser.helpers import sign_in_with_cookie
from tests.outcomes import factories

pytestmark = pytest.mark.browser


def th(message: str, context: str | None = None) -> str:
    """What the Thai page says for this UI string (the catalogue, not a copy here)."""
    with translation.override("th"):
        text = pgettext(context, message) if context else gettext(message)
    assert text != message, f"no Thai translation for {message!r}"
    return text


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_outside_substantiator_answers_in_thai_on_a_phone(
    page, other_page, live_server, staff_user
):
    outcome = factories.OutcomeFactory(
        title="Children referred to community care",
        title_th="เด็กได้รับการส่งต่อไปยังการดูแลในชุมชน",
        what_changed_th="หน่วยงานส่งต่อเด็กไปยังการดูแลในชุมชนแทนการกักตัว",
    )
    sign_in_with_cookie(page, live_server, staff_user)
    page.goto(f"/staff/outcomes/{outcome.pk}/substantiation/")
    page.get_by_label("Name (person 1)").fill("Kannika Srisuk")
    page.get_by_label("E-mail address (person 1)").fill("Kannika.S@example.org")
    page.get_by_label("Language (person 1)").select_option("th")
    page.get_by_role("button", name="Continue to the e-mails").click()
    page.get_by_role("button", name="Send the requests").click()
    page.wait_for_url(re.compile(rf"/staff/outcomes/{outcome.pk}/substantiation/$"))
    page.screens("asked")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/substantiate/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]

    phone = other_page("substantiator", PHONE)
    phone.goto(path)
    assert phone.locator("html").get_attribute("lang") == "th"
    assert phone.get_by_role("heading", name=th("Does this describe the change?")).is_visible()
    assert "เด็กได้รับการส่งต่อไปยังการดูแลในชุมชน" in phone.content()
    assert _fits(phone)
    phone.screens("question")
    # Sent without an answer: the message is beside the field, in Thai.
    phone.get_by_role("button", name=th("Send my answer")).click()
    assert phone.get_by_text(th("Choose how far you agree.")).is_visible()
    phone.get_by_label(th("Partly", "agreement")).check()
    phone.get_by_label(th("What would you change in the description?")).fill("ใช้เวลาสองปี ไม่ใช่หนึ่งปี")
    phone.get_by_label(th("Yes", "answer"), exact=True).check()
    phone.get_by_label(th("The platform may name me as a substantiator of this outcome.")).check()
    phone.get_by_role("button", name=th("Send my answer")).click()
    assert phone.get_by_role("heading", name=th("Thank you")).is_visible()
    assert _fits(phone)
    phone.screens("thanks")

    answer = Substantiator.objects.get(outcome=outcome)
    assert answer.agreement == "partly"
    assert answer.may_be_named is True
    # The link is used: opening it again records nothing and says so in Thai (read
    # without rendering: a 410 would count as a console error of the page).
    again = phone.request.get(path)
    assert again.status == 410
    assert th("This link cannot be used") in again.text()
    assert 'lang="th"' in again.text()

    page.reload()
    assert "ใช้เวลาสองปี ไม่ใช่หนึ่งปี" in page.content()
    assert "Substantiated by 1 of 1; 1 partly" in page.content()
