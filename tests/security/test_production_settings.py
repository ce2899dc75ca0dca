"""Under the production settings module: HTTPS only, HSTS, secure cookies.

Run in a subprocess with DJANGO_SETTINGS_MODULE=platform_site.settings and DEBUG off, so
the values come from the real settings module and not from the test overrides.
"""

from tests import probes

PROBE = r"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
from django.core.management import call_command
setup_test_environment()
call_command("collectstatic", interactive=False, verbosity=0)  # the manifest production serves from
client = Client()
plain = client.get("/accounts/login/", HTTP_HOST="platform.example.org")
health = client.get("/healthz/", HTTP_HOST="platform.example.org")
secure = client.get("/accounts/login/", secure=True, HTTP_HOST="platform.example.org")
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "health_status": health.status_code,
    "secure_status": secure.status_code,
    "hsts": secure.get("Strict-Transport-Security", ""),
    "csrf_cookie_secure": bool(secure.cookies["csrftoken"]["secure"]) if "csrftoken" in secure.cookies else None,
    "csp": secure.get("Content-Security-Policy", ""),
    "settings": {
        name: getattr(settings, name)
        for name in [
            "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
            "SESSION_COOKIE_HTTPONLY", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS", "REQUIRE_STAFF_MFA", "DEBUG",
        ]
    },
}))
"""


def run_probe(tmp_path) -> dict:
    env = probes.production_env(
        tmp_path, REQUIRE_STAFF_MFA="", SECURE_SSL_REDIRECT="", SECURE_HSTS_SECONDS=""
    )
    return probes.probe(PROBE, env=env, timeout=120)


def test_production_settings_force_https_hsts_and_secure_cookies(tmp_path):
    probe = run_probe(tmp_path)
    assert probe["settings"] == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "REQUIRE_STAFF_MFA": True,
        "DEBUG": False,
    }
    # Plain HTTP is redirected to HTTPS, except the health check the load balancer calls.
    assert probe["plain_status"] == 301
    assert probe["plain_location"] == "https://platform.example.org/accounts/login/"
    assert probe["health_status"] != 301
    assert probe["secure_status"] == 200
    assert probe["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert probe["csrf_cookie_secure"] is True
    assert "unsafe-inline" not in probe["csp"]
    assert "script-src 'self'" in probe["csp"]
