"""Behind the TLS proxy: sign-in limits per client, and forwarded headers believed only
when TRUSTED_PROXY_COUNT says a proxy of ours stands in front.

The environment-to-settings step runs in a subprocess on the real settings module; the
lockouts run in-process with the production rate limits and the proxy count set as the
settings module sets it.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests import factories, probes
from tests.conftest import PASSWORD

ADDRESS_A = "203.0.113.10"
ADDRESS_B = "198.51.100.20"
TOO_MANY = "Too many failed login attempts"

PROBE = r"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
# The start page: it only redirects, so no static files need collecting.
home = client.get("/", HTTP_HOST="platform.example.org", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "ALLAUTH_TRUSTED_PROXY_COUNT": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "USE_X_FORWARDED_HOST": settings.USE_X_FORWARDED_HOST,
    "status": home.status_code,
    "location": home.get("Location", ""),
}))
"""


def run_probe(tmp_path, proxy_count: str) -> dict:
    env = probes.production_env(tmp_path, SECURE_SSL_REDIRECT="", TRUSTED_PROXY_COUNT=proxy_count)
    return probes.probe(PROBE, env=env, timeout=120)


def test_without_a_trusted_proxy_x_forwarded_proto_is_ignored(tmp_path):
    probe = run_probe(tmp_path, "")
    assert probe["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    assert probe["SECURE_PROXY_SSL_HEADER"] is None
    # A client claiming HTTPS over plain HTTP is still sent to HTTPS.
    assert probe["status"] == 301
    assert probe["location"] == "https://platform.example.org/"


def test_behind_the_proxy_its_x_forwarded_proto_is_believed(tmp_path):
    probe = run_probe(tmp_path, "1")
    assert probe["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert probe["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    # The proxy ended TLS: the request goes on to sign-in instead of back to HTTPS.
    assert probe["status"] == 302
    assert probe["location"] == "/accounts/login/"
    # The proxy keeps the Host header; a forwarded host is not needed or believed.
    assert probe["USE_X_FORWARDED_HOST"] is False


def test_a_negative_proxy_count_stops_the_start(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "platform_site.settings",
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
        "TRUSTED_PROXY_COUNT": "-1",
    }
    result = probes.run_python("import django; django.setup()", env=env, timeout=60)
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be 0 or more" in result.stderr


# --- Sign-in lockouts per client ------------------------------------------------------


@pytest.fixture
def production_rate_limits(settings):
    from platform_site import settings as production

    settings.ACCOUNT_RATE_LIMITS = production.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield
    cache.clear()


def sign_in(client, *, email: str, password: str, forwarded_for: str):
    # The proxy (Caddy) replaces whatever X-Forwarded-For the client sent with the
    # address it was reached from; REMOTE_ADDR is the proxy's own address.
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR="172.18.0.5",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def ten_wrong_passwords(client, *, forwarded_for: str) -> None:
    for i in range(10):
        response = sign_in(
            client,
            email=f"guess{i}@example.org",
            password="wrong-password",
            forwarded_for=forwarded_for,
        )
        assert response.status_code == 200
        assert TOO_MANY not in response.content.decode()


@pytest.mark.django_db
def test_behind_the_proxy_one_persons_failures_do_not_lock_out_another(
    client, settings, production_rate_limits
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    other = factories.UserFactory(email="other-person@example.org")
    ten_wrong_passwords(client, forwarded_for=ADDRESS_A)

    # The person who failed ten times is held back, even with a right password...
    same = factories.UserFactory(email="same-address@example.org")
    held = sign_in(client, email=same.email, password=PASSWORD, forwarded_for=ADDRESS_A)
    assert TOO_MANY in held.content.decode()
    assert "_auth_user_id" not in client.session

    # ...while someone else behind the same proxy signs in.
    response = sign_in(client, email=other.email, password=PASSWORD, forwarded_for=ADDRESS_B)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_forged_x_forwarded_for_does_not_escape_a_lockout(
    client, settings, production_rate_limits
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    user = factories.UserFactory(email="locked-out@example.org")
    ten_wrong_passwords(client, forwarded_for=ADDRESS_A)

    # Claiming another address changes nothing: the connection's own address counts.
    response = sign_in(client, email=user.email, password=PASSWORD, forwarded_for=ADDRESS_B)
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session
