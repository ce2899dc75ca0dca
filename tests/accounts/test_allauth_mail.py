"""allauth's own e-mails (password reset, sign-in code, address confirmation, "no such
account"): links on SITE_URL whatever host the request named, text in the recipient's
saved language whatever the requesting browser sent."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "id", "ms", "th"]
SITE_URL = "https://platform.example.org"
REQUEST_HOST = "internal-web-1.local:8000"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "internal-web-1.local"]


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def person(language: str, *, verified: bool = True):
    """A participant with an account, whose saved language is `language`."""
    user = factories.UserFactory(language="en")
    EmailAddress.objects.filter(user=user).update(verified=verified)
    factories.ParticipantFactory(user=user, email=user.email, preferred_language=language)
    return user


def post_from_elsewhere(client, url, data):
    # No language cookie, an English browser, and a host that is not SITE_URL's.
    return client.post(url, data, HTTP_HOST=REQUEST_HOST, HTTP_ACCEPT_LANGUAGE="en")


def links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def assert_written_in(language: str, message, subject: str, sentence: str):
    assert message.subject == "[Peer Learning] " + in_language(language, subject)
    assert in_language(language, sentence) in message.body
    if language != "en":
        assert in_language(language, sentence) != sentence  # really translated
        assert sentence not in message.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_reset_links_to_site_url_in_the_saved_language(client, mailoutbox, language):
    user = person(language)
    post_from_elsewhere(client, reverse("account_reset_password"), {"email": user.email})
    (message,) = mailoutbox
    assert_written_in(
        language,
        message,
        "Choose a new password",
        "Choose your new password here (the link works once):",
    )
    (link, site) = links(message.body)
    assert link.startswith(SITE_URL + "/accounts/password/reset/key/")
    assert site == SITE_URL
    assert REQUEST_HOST not in message.body
    # The link works.
    response = client.get(link.removeprefix(SITE_URL))
    assert response.status_code == 302  # allauth moves the key into the session
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_code_is_in_the_saved_language(client, mailoutbox, language):
    user = person(language)
    post_from_elsewhere(client, reverse("account_request_login_code"), {"email": user.email})
    (message,) = mailoutbox
    assert_written_in(
        language,
        message,
        "Your sign-in code",
        "Your sign-in code is below. Type it into the sign-in page you have open.",
    )
    assert links(message.body) == [SITE_URL]
    assert REQUEST_HOST not in message.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_address_confirmation_links_to_site_url_in_the_saved_language(client, mailoutbox, language):
    user = person(language, verified=False)
    post_from_elsewhere(
        client,
        reverse("account_login"),
        {"login": user.email, "password": "correct-horse-battery"},
    )
    (message,) = mailoutbox
    assert_written_in(
        language,
        message,
        "Please confirm your e-mail address",
        "Please confirm that this e-mail address belongs to your account on the Regional"
        " Peer Learning Platform.",
    )
    (link, site) = links(message.body)
    assert link.startswith(SITE_URL + "/accounts/confirm-email/")
    assert site == SITE_URL
    assert client.get(link.removeprefix(SITE_URL)).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_account_answer_is_in_the_requesting_language_and_on_site_url(
    client, mailoutbox, language
):
    # Nobody has this address, so nobody has a saved language: the page's language is used.
    client.cookies["django_language"] = language
    client.post(
        reverse("account_reset_password"), {"email": "nobody@example.org"}, HTTP_HOST=REQUEST_HOST
    )
    (message,) = mailoutbox
    assert message.subject == "[Peer Learning] " + in_language(
        language, "No account with this e-mail address"
    )
    assert links(message.body) == [SITE_URL + reverse("account_login"), SITE_URL]
    sentence = (
        "Accounts are opened by the secretariat. If you take part in the platform, ask the"
        " secretariat which address your account has, then sign in here:"
    )
    assert in_language(language, sentence) in message.body


def test_the_saved_language_is_the_participants_over_the_accounts(client, mailoutbox):
    user = person("th")
    user.language = "id"
    user.save()
    post_from_elsewhere(client, reverse("account_request_login_code"), {"email": user.email})
    assert mailoutbox[0].subject == "[Peer Learning] " + in_language("th", "Your sign-in code")


def test_an_account_without_a_participant_uses_the_account_language(client, mailoutbox):
    user = factories.UserFactory(language="ms")
    post_from_elsewhere(client, reverse("account_request_login_code"), {"email": user.email})
    assert mailoutbox[0].subject == "[Peer Learning] " + in_language("ms", "Your sign-in code")


NOT_SENT = (
    "We could not send the e-mail just now. Nothing is wrong with your account: please try"
    " again in a few minutes."
)


@pytest.fixture
def smtp_unreachable(settings):
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


@pytest.mark.parametrize(
    "url", ["account_reset_password", "account_request_login_code"], ids=["reset", "code"]
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unreachable_mail_server_is_explained_not_a_500(
    client, smtp_unreachable, url, language, caplog
):
    user = person("en")
    client.cookies["django_language"] = language
    response = client.post(reverse(url), {"email": user.email}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert in_language(language, NOT_SENT) in page
    if language != "en":
        assert in_language(language, NOT_SENT) != NOT_SENT
    assert "not sent" in caplog.text
    assert user.email not in caplog.text
