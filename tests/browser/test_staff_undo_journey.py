"""The secretariat undoes its slips in a real browser: an invitation withdrawn (with the
notice in the person's language) and invited again, an outcome deleted and restored from
"Recently deleted". Apart from the main staff journey, which builds and sends a pack, so
each journey reads as one story."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from accounts import services as account_services
from convenings.models import Invitation
from outcomes.models import Outcome
from tests import factories
from tests.browser.helpers import sign_in_with_cookie
from tests.convenings.factories import open_convening
from tests.outcomes.factories import OutcomeFactory

pytestmark = pytest.mark.browser


def test_staff_withdraw_an_invitation_and_restore_a_deleted_outcome(page, live_server):
    mail.outbox = []
    staff = factories.UserFactory(email="officer@example.org", name="Secretariat Officer")
    account_services.set_role(user=staff, role="staff")
    convening = open_convening(title_en="Community placement for children")
    convening.title_th = "การดูแลเด็กในชุมชน"
    convening.save()
    mistaken = factories.InvitationFactory(
        convening=convening,
        participant__full_name="Invited By Mistake",
        participant__preferred_language="th",
    )
    factories.InvitationFactory(convening=convening, participant__full_name="Rightly Invited")
    OutcomeFactory(title="Outcome saved twice")
    sign_in_with_cookie(page, live_server, staff)

    # Withdraw: a confirmation page, with the notice ticked, then the invitations tab.
    page.goto(f"/staff/convenings/{convening.pk}/invitations/")
    page.get_by_role("link", name="Withdraw Invited By Mistake").click()
    page.get_by_role("heading", name="Withdraw the invitation of Invited By Mistake?").wait_for()
    assert page.get_by_label("Tell them by e-mail, in their language").is_checked()
    page.screens("withdraw-confirm")
    page.get_by_role("button", name="Withdraw the invitation").click()
    page.get_by_text("The invitation of Invited By Mistake is withdrawn.").wait_for()
    withdrawn = page.locator(
        "section", has=page.get_by_role("heading", name="Withdrawn invitations")
    )
    assert "Invited By Mistake" in withdrawn.inner_text()
    page.screens("withdrawn")
    assert not Invitation.objects.filter(pk=mistaken.pk).exists()
    with translation.override("th"):
        subject = gettext("Invitation withdrawn: %(title)s") % {"title": "การดูแลเด็กในชุมชน"}
    assert [m.subject for m in mail.outbox if m.to == [mistaken.participant.email]] == [subject]

    # Invited again from the same page.
    withdrawn.get_by_role("button", name="Invite again Invited By Mistake").click()
    page.get_by_text("Invited By Mistake is invited again.").wait_for()
    assert Invitation.objects.filter(pk=mistaken.pk).exists()

    # An outcome saved twice: deleted (the browser asks first), gone from the list.
    page.goto("/staff/outcomes/")
    page.get_by_role("link", name="Outcome saved twice").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete outcome").click()
    page.wait_for_url(re.compile(r"/staff/outcomes/$"))
    page.get_by_text("You can restore it from").wait_for()
    assert page.get_by_role("link", name="Outcome saved twice").count() == 0

    # Restored from "Recently deleted", back in the list.
    page.get_by_role("navigation").get_by_role("link", name="Recently deleted").click()
    row = page.locator("tr", has_text="Outcome saved twice")
    assert "Secretariat Officer" in row.inner_text()
    page.screens("recently-deleted")
    row.get_by_role("button", name="Restore").click()
    page.get_by_text('"Outcome saved twice" is restored.').wait_for()
    page.goto("/staff/outcomes/")
    assert page.get_by_role("link", name="Outcome saved twice").count() == 1
    assert Outcome.objects.filter(title="Outcome saved twice").count() == 1
