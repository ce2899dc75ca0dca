"""Sign-in by e-mail in each language, no open sign-up, remembered language, staff MFA."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests import factories
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

# A word of the sign-in page in each language, from the project's own translations.
SIGN_IN_TITLE = {"en": "Sign in", "id": "Masuk", "ms": "Log masuk", "th": "เข้าสู่ระบบ"}


@pytest.mark.parametrize("language", ["en", "id", "ms", "th"])
def test_sign_in_page_and_sign_in_work_in_each_language(client, language):
    user = factories.UserFactory(email=f"person-{language}@example.org")
    client.cookies["django_language"] = language

    page = client.get(reverse("account_login"))
    assert page.status_code == 200
    assert f'<html lang="{language}">' in page.content.decode()
    assert SIGN_IN_TITLE[language] in page.content.decode()

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_wrong_password_is_refused_with_a_message(client):
    user = factories.UserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_there_is_no_open_sign_up(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")


@pytest.mark.parametrize("path", ["/", "/staff/", "/portal/"])
def test_anonymous_request_to_an_app_page_redirects_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_language_choice_is_remembered_on_the_account(participant_client, participant):
    response = participant_client.post(
        reverse("set_language"), {"language": "th", "next": "/portal/"}
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    participant.user.refresh_from_db()
    assert participant.preferred_language == "th"
    assert participant.user.language == "th"
    # A fresh browser (no cookie) gets the saved language after signing in.
    from django.test import Client

    fresh = Client()
    fresh.force_login(participant.user)
    page = fresh.get("/portal/")
    assert '<html lang="th">' in page.content.decode()


def test_staff_without_totp_are_sent_to_set_it_up_when_required(staff_client, settings):
    settings.REQUIRE_STAFF_MFA = True
    response = staff_client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_participants_are_not_forced_into_totp(participant_client, settings):
    settings.REQUIRE_STAFF_MFA = True
    assert participant_client.get("/portal/").status_code == 200


def test_totp_secret_is_encrypted_at_rest(staff_user):
    from allauth.mfa.totp.internal.auth import TOTP

    secret = "JBSWY3DPEHPK3PXP"
    authenticator = TOTP.activate(staff_user, secret).instance
    stored = Authenticator.objects.get(pk=authenticator.pk).data["secret"]
    assert secret not in stored
    assert stored.startswith("fernet:")
    assert TOTP(authenticator).validate_code("000000") in (True, False)  # decrypts without error


def test_new_account_gets_one_invitation_in_its_language_with_a_password_link(
    mailoutbox, django_capture_on_commit_callbacks, client
):
    from accounts import services

    user = services.create_account(email="new.person@example.org", name="New Person", language="ms")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_to_account(user=user)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["new.person@example.org"]
    assert "Akaun anda" in message.subject
    link = next(
        line for line in message.body.splitlines() if "/accounts/password/reset/key/" in line
    )
    # The link opens the set-password page (allauth redirects once to hide the key).
    response = client.get(link.replace("http://127.0.0.1:8000", ""), follow=True)
    assert response.status_code == 200
    assert b'name="password1"' in response.content

    # The task claims the row: running it again sends nothing more.
    from accounts.tasks import send_account_invitation

    send_account_invitation.delay(user_id=user.pk)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ms", "Minta kod"), ("id", "Minta Kode"), ("th", "ขอรหัส")],
)
def test_sign_in_by_code_page_speaks_the_language(client, language, expected):
    """allauth's own pages: id and th from allauth, ms from accounts/locale."""
    client.cookies["django_language"] = language
    page = client.get(reverse("account_request_login_code"))
    assert page.status_code == 200
    assert expected in page.content.decode()


def test_admins_manage_accounts_and_roles_in_the_django_admin(admin_user, participant_user):
    from django.test import Client

    client = Client()
    client.force_login(admin_user)
    assert client.get("/admin/accounts/user/").status_code == 200
    page = client.get(f"/admin/accounts/user/{participant_user.pk}/change/")
    assert page.status_code == 200
    assert b'name="groups"' in page.content


def test_participants_cannot_open_the_django_admin(participant_client):
    response = participant_client.get("/admin/accounts/user/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
