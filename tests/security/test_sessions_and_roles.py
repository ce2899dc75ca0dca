"""Signed-in pages are never cached, sessions end when idle, a revoked role ends at once,
staff must use TOTP, the admin signs in through allauth's rate limits, MFA secrets are
encrypted at rest."""

import time

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.urls import reverse

from accounts import services
from accounts.middleware import IdleTimeoutMiddleware
from tests import factories
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("participant_client", "/portal/"),
        ("participant_client", "/portal/my-data/"),
        ("staff_client", "/staff/"),
        ("admin_client_", "/staff/audit/"),
    ],
)
def test_signed_in_pages_are_not_stored(request, who, path):
    response = request.getfixturevalue(who).get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_anonymous_public_pages_are_not_marked_no_store(client):
    # Only pages for signed-in people carry personal data; the check must be able to fail.
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "no-store" not in response.get("Cache-Control", "")


def _age_session(client, seconds):
    session = client.session
    session[IdleTimeoutMiddleware.KEY] = int(time.time()) - seconds
    session.save()


def test_session_ends_after_the_idle_timeout(participant_client, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    assert participant_client.get("/portal/").status_code == 200
    _age_session(participant_client, 601)
    response = participant_client.get("/portal/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/portal/"
    assert "_auth_user_id" not in participant_client.session
    # Signed out for good, not just redirected once.
    assert participant_client.get("/portal/").status_code == 302


def test_activity_within_the_timeout_keeps_the_session(participant_client, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    participant_client.get("/portal/")
    _age_session(participant_client, 590)
    assert participant_client.get("/portal/").status_code == 200
    # That request counted as activity: the clock restarted.
    assert time.time() - participant_client.session[IdleTimeoutMiddleware.KEY] < 5


@pytest.mark.parametrize(("role", "path"), [("staff", "/staff/"), ("admin", "/staff/audit/")])
def test_a_revoked_role_loses_access_on_the_very_next_request(client, role, path):
    user = factories.UserFactory()
    services.set_role(user=user, role=role)
    client.force_login(user)
    assert client.get(path).status_code == 200
    services.set_role(user=user, role=None)
    assert client.get(path).status_code == 403


def test_an_admin_demoted_to_staff_loses_admin_pages_but_keeps_staff_pages(client):
    user = factories.UserFactory()
    services.set_role(user=user, role="admin")
    client.force_login(user)
    assert client.get("/staff/audit/").status_code == 200
    services.set_role(user=user, role="staff")
    assert client.get("/staff/audit/").status_code == 403
    assert client.get("/staff/").status_code == 200


def test_a_deactivated_account_is_signed_out_at_once(staff_client, staff_user):
    assert staff_client.get("/staff/").status_code == 200
    staff_user.is_active = False
    staff_user.save()
    response = staff_client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["staff_client", "admin_client_"])
@pytest.mark.parametrize("path", ["/staff/", "/staff/audit/", "/portal/my-data/"])
def test_staff_without_totp_are_forced_to_set_it_up(request, settings, who, path):
    settings.REQUIRE_STAFF_MFA = True
    response = request.getfixturevalue(who).get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_totp_get_through(staff_client, staff_user, settings):
    from allauth.mfa.totp.internal.auth import TOTP

    settings.REQUIRE_STAFF_MFA = True
    TOTP.activate(staff_user, "JBSWY3DPEHPK3PXP")
    assert staff_client.get("/staff/").status_code == 200


def test_the_totp_set_up_page_itself_is_reachable(staff_client, settings):
    settings.REQUIRE_STAFF_MFA = True
    # allauth asks for the password again first; neither page loops back to the set-up.
    response = staff_client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))


def test_the_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_admin_login_form_cannot_be_posted_around_allauth(client, admin_user):
    response = client.post("/admin/login/", {"username": admin_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


@pytest.fixture
def production_rate_limits(settings):
    from platform_site import settings as production

    settings.ACCOUNT_RATE_LIMITS = production.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield
    cache.clear()


def test_repeated_failed_logins_for_one_account_lock_it_for_a_while(client, production_rate_limits):
    user = factories.UserFactory(email="target@example.org")
    services.set_role(user=user, role="admin")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong-one"})
    # Even the right password is refused while the limit holds.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_burst_of_login_attempts_from_one_address_gets_429(client, production_rate_limits):
    statuses = [
        client.post(
            "/accounts/login/?next=/admin/",
            {"login": f"guess{i}@example.org", "password": "wrong-one"},
        ).status_code
        for i in range(31)
    ]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


def test_production_rate_limits_are_on():
    from platform_site import settings as production

    assert production.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"
    assert production.ACCOUNT_RATE_LIMITS["login"]


def test_totp_secret_is_encrypted_with_the_configured_key(staff_user, settings):
    from allauth.mfa.totp.internal.auth import TOTP
    from cryptography.fernet import Fernet

    settings.MFA_ENCRYPTION_KEY = Fernet.generate_key().decode()
    secret = "JBSWY3DPEHPK3PXP"
    authenticator = TOTP.activate(staff_user, secret).instance
    stored = Authenticator.objects.get(pk=authenticator.pk).data["secret"]
    assert stored.startswith("fernet:")
    assert secret not in stored
    assert (
        Fernet(settings.MFA_ENCRYPTION_KEY.encode()).decrypt(stored[7:].encode()).decode() == secret
    )

    # A different key cannot read it: the failure is loud, not a silent bad code.
    settings.MFA_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(ValueError, match="cannot be decrypted"):
        TOTP(Authenticator.objects.get(pk=authenticator.pk)).validate_code("123456")


def test_recovery_codes_seed_is_encrypted_too(staff_user):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes.activate(staff_user).instance
    stored = Authenticator.objects.get(pk=codes.pk).data
    assert stored["seed"].startswith("fernet:")
