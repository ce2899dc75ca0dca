"""gunicorn (through gunicorn.conf.py) believes X-Forwarded-Proto only when the app does:
with TRUSTED_PROXY_COUNT=0 a client on the machine cannot claim HTTPS."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.middleware.csrf import _get_new_csrf_string

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def sign_in_claiming_https(server) -> int:
    token = _get_new_csrf_string()
    status, _headers, _body = server.request(
        "POST",
        "/accounts/login/",
        cookies={"csrftoken": token},
        body=urlencode(
            {"csrfmiddlewaretoken": token, "login": "a@example.org", "password": "x"}
        ).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            # No Referer: Django refuses an HTTPS form post without one, so a 403 shows
            # that the request was taken for HTTPS.
            "X-Forwarded-Proto": "https",
        },
    )
    return status


def test_a_loopback_client_cannot_claim_https_without_a_trusted_proxy(gunicorn_server):
    server = gunicorn_server(workers=1, TRUSTED_PROXY_COUNT="0")
    assert sign_in_claiming_https(server) == 200


def test_behind_a_trusted_proxy_its_https_is_believed(gunicorn_server):
    server = gunicorn_server(workers=1, TRUSTED_PROXY_COUNT="1")
    assert sign_in_claiming_https(server) == 403
