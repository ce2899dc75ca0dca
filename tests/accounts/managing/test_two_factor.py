"""Two-factor resets through the app, and the notice on staff pages until one's own
two-factor is set up.
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import AccountAction, AuditEntry
from tests import factories
from tests.accounts.managing.pages import SECRET, action_url, new_key, signed_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_two_factor_reset_through_the_app_is_felt_at_the_next_request_and_sign_in(
    post, admin_user, settings, mailoutbox
):
    settings.REQUIRE_STAFF_MFA = True
    TOTP.activate(admin_user, SECRET)
    user = factories.UserFactory(email="lost.phone@example.org", language="th")
    services.set_role(user=user, role="staff")
    TOTP.activate(user, SECRET)
    person = signed_in(user)
    assert person.get("/staff/").status_code == 200

    response = post(action_url(user, "reset-two-factor"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user).exists()

    # Their next request: staff must set up an authenticator again before anything else.
    response = person.get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # Their next sign-in asks for no code any more (it would have before).
    fresh = Client()
    response = fresh.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "/2fa/authenticate/" not in response.get("Location", "")
    assert fresh.session[SESSION_KEY] == str(user.pk)
    assert fresh.get("/staff/")["Location"] == reverse("mfa_activate_totp")

    entry = AuditEntry.objects.get(action="user.two_factor_reset")
    assert entry.changes == {"authenticators": [["totp"], []]}
    [message] = mailoutbox
    assert message.subject == (
        "การยืนยันตัวตนสองขั้นตอนของคุณบนแพลตฟอร์มการเรียนรู้ระหว่างเพื่อนในภูมิภาคถูกรีเซ็ตแล้ว"
    )


def test_a_totp_sign_in_is_asked_before_the_reset(staff_user):
    # The check above can fail: with TOTP, the password alone does not sign in.
    TOTP.activate(staff_user, SECRET)
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": staff_user.email, "password": PASSWORD}
    )
    assert "/2fa/authenticate/" in response["Location"]
    assert SESSION_KEY not in client.session


def test_resetting_twice_or_without_two_factor_changes_nothing(post, staff_user, mailoutbox):
    TOTP.activate(staff_user, SECRET)
    data = {"key": new_key()}
    post(action_url(staff_user, "reset-two-factor"), data)
    post(action_url(staff_user, "reset-two-factor"), data)
    post(action_url(staff_user, "reset-two-factor"))
    assert AccountAction.objects.filter(user=staff_user).count() == 1
    assert len(mailoutbox) == 1


def test_an_admin_resets_their_own_two_factor_on_allauths_page_not_here(post, admin_user):
    TOTP.activate(admin_user, SECRET)
    response = post(action_url(admin_user, "reset-two-factor"))
    assert response.status_code == 200
    assert "your account&#x27;s security page" in response.content.decode()
    assert Authenticator.objects.filter(user=admin_user).exists()


NOTICE = "Your two-factor authentication is not set up yet."


@pytest.mark.parametrize("who", ["staff_client", "admin_client_"])
def test_staff_without_two_factor_see_the_notice_with_the_link(request, who):
    page = request.getfixturevalue(who).get("/staff/").content.decode()
    assert NOTICE in page
    assert f'href="{reverse("mfa_activate_totp")}"' in page


def test_the_notice_goes_once_two_factor_is_set_up(staff_client, staff_user):
    TOTP.activate(staff_user, SECRET)
    assert NOTICE not in staff_client.get("/staff/").content.decode()


def test_participants_are_not_told_to_set_up_two_factor(participant_client):
    assert NOTICE not in participant_client.get("/portal/").content.decode()


def test_the_notice_costs_no_query_for_staff(staff_client, staff_user, django_assert_num_queries):
    # The roles query carries the TOTP answer: the same number of queries with and without.
    staff_client.get("/staff/my-time-zone/")
    with django_assert_num_queries(3):
        without = staff_client.get("/staff/my-time-zone/")
    TOTP.activate(staff_user, SECRET)
    with django_assert_num_queries(3):
        with_totp = staff_client.get("/staff/my-time-zone/")
    assert NOTICE in without.content.decode()
    assert NOTICE not in with_totp.content.decode()
