"""Structured log lines, and error reports that carry no personal data."""

from __future__ import annotations

import json

from platform_site.observability import scrub_event
from tests import probes


def json_log_lines(tmp_path, code: str) -> tuple[str, list[str]]:
    """Run `code` under the real settings with LOG_FORMAT=json: its standard error, and
    the lines of it that are JSON records."""
    env = {
        "DJANGO_SETTINGS_MODULE": "platform_site.settings",
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
        "LOG_FORMAT": "json",
    }
    stderr = probes.run_python(code, env=env, timeout=60, check=True).stderr
    return stderr, [line for line in stderr.splitlines() if line.startswith("{")]


LOG_ONE_ERROR = """
import logging
import django
django.setup()
try:
    raise ValueError("no reply")
except ValueError:
    logging.getLogger("operations.backups").exception(
        "backup failed", extra={"backup": "platform-20260101-023000.backup"}
    )
"""


def test_log_format_json_writes_one_structured_record_per_line(tmp_path):
    stderr, lines = json_log_lines(tmp_path, LOG_ONE_ERROR)
    assert len(lines) == 1, stderr
    record = json.loads(lines[0])
    assert record["event"] == "backup failed"
    assert record["level"] == "error"
    assert record["logger"] == "operations.backups"
    assert record["backup"] == "platform-20260101-023000.backup"
    assert "ValueError: no reply" in record["exception"]
    assert record["timestamp"].endswith("Z")


LOG_A_REFUSED_ADDRESS = """
import logging
import smtplib
import django
django.setup()
try:
    raise smtplib.SMTPRecipientsRefused({"siriporn.admin@example.org": (550, b"no such user")})
except smtplib.SMTPRecipientsRefused:
    logging.getLogger("operations.services").exception(
        "alert e-mail not sent", extra={"admin_id": 7}
    )
logging.getLogger("convenings.tasks").warning("mail to %s failed", "anan@example.org")
"""


def test_json_log_lines_carry_no_e_mail_address(tmp_path):
    """An exception's text (a refused recipient, a duplicate-key error) or a message's
    arguments can hold an address: the JSON line says [scrubbed] instead."""
    stderr, lines = json_log_lines(tmp_path, LOG_A_REFUSED_ADDRESS)
    assert len(lines) == 2, stderr
    assert "example.org" not in stderr
    first, second = (json.loads(line) for line in lines)
    assert "SMTPRecipientsRefused" in first["exception"]
    assert "[scrubbed]" in first["exception"]
    assert first["admin_id"] == 7
    assert second["event"] == "mail to [scrubbed] failed"


def test_a_logged_request_is_its_method_and_path_only(rf):
    from platform_site.observability import request_as_path

    request = rf.get("/staff/participants/?q=siriporn@example.org")
    event = request_as_path(None, "error", {"event": "Internal Server Error", "request": request})
    assert event["request"] == "GET /staff/participants/"


def test_error_reports_lose_the_person_their_request_and_any_address():
    event = {
        "user": {"id": 7, "email": "siriporn@example.org", "ip_address": "203.0.113.9"},
        "request": {
            "url": "https://platform.example.org/staff/people/7/",
            "cookies": {"sessionid": "abc"},
            "headers": {"Cookie": "sessionid=abc", "X-Forwarded-For": "203.0.113.9"},
            "data": {"full_name": "Siriporn Example"},
            "query_string": "email=siriporn@example.org",
        },
        "exception": {
            "values": [
                {
                    "type": "IntegrityError",
                    "value": "duplicate key (email)=(siriporn@example.org)",
                    "stacktrace": {"frames": [{"function": "save", "vars": {"name": "Siriporn"}}]},
                }
            ]
        },
        "breadcrumbs": {"values": [{"message": "mail to siriporn@example.org failed"}]},
        "extra": {"recipient": "siriporn@example.org"},
    }
    scrubbed = json.dumps(scrub_event(event, {}))
    assert "siriporn" not in scrubbed.lower()
    assert "203.0.113.9" not in scrubbed
    assert "sessionid" not in scrubbed
    assert "user" not in event
    assert event["request"] == {"url": "https://platform.example.org/staff/people/7/"}
    assert event["exception"]["values"][0]["value"] == "duplicate key (email)=([scrubbed])"
    assert "vars" not in event["exception"]["values"][0]["stacktrace"]["frames"][0]


def test_sentry_is_set_up_without_personal_data_when_a_dsn_is_given(monkeypatch):
    import sentry_sdk

    from platform_site import observability

    seen = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: seen.update(kwargs))
    observability.init_sentry(dsn="", environment="test")
    assert seen == {}
    observability.init_sentry(dsn="https://key@errors.example.org/1", environment="test")
    assert seen["send_default_pii"] is False
    assert seen["include_local_variables"] is False
    assert seen["max_request_body_size"] == "never"
    assert seen["before_send"] is scrub_event
