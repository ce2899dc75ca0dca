"""Logs as structured lines and errors to an error tracker, never with personal data.

- LOG_FORMAT=json (compose's default): every log record, Django's, Celery's and ours, is
  one JSON object per line (structlog's ProcessorFormatter over the standard logging), with
  the `extra={...}` fields as keys. `plain` (the local default) is the old text line.
  Any e-mail address in a line (a message's arguments, an exception's text) is
  replaced by [scrubbed].
- SENTRY_DSN set: errors go to Sentry (or any Sentry-compatible tracker) with
  `send_default_pii=False` and `scrub_event` removing what could still name a person:
  the user, cookies, headers, request bodies and query strings, local variables, and any
  e-mail address left in a message or breadcrumb.
"""

from __future__ import annotations

import re
from typing import Any

import structlog

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
SCRUBBED = "[scrubbed]"


def request_as_path(logger, method_name: str, event_dict: dict) -> dict:
    """Django passes the request object to its loggers (`django.request`): logged as method
    and path only, never its query string, body, cookies or user."""
    request = event_dict.get("request")
    if request is not None and hasattr(request, "path"):
        event_dict["request"] = f"{request.method} {request.path}"
    return event_dict


def scrub_log_line(logger, method_name: str, event_dict: dict) -> dict:
    """The last step before a JSON line is written: any e-mail address in the message, the
    exception's text or an extra field (a refused recipient, a duplicate-key error) becomes
    [scrubbed]."""
    return {key: _scrub_text(value) for key, value in event_dict.items()}


def logging_config(*, level: str, fmt: str) -> dict:
    pre_chain = [
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
        request_as_path,
    ]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            "json": {
                "()": structlog.stdlib.ProcessorFormatter,
                "foreign_pre_chain": pre_chain,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info,
                    scrub_log_line,
                    structlog.processors.JSONRenderer(sort_keys=True),
                ],
            },
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": fmt}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "WARNING"}},
    }


def _scrub_text(value: Any) -> Any:
    if isinstance(value, str):
        return EMAIL_RE.sub(SCRUBBED, value)
    if isinstance(value, list):
        return [_scrub_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_text(v) for k, v in value.items()}
    return value


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's before_send: the event without anything that could identify a person."""
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "headers", "query_string", "env"):
            request.pop(key, None)
    for exception in (event.get("exception") or {}).get("values", []):
        exception["value"] = _scrub_text(exception.get("value"))
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    for key in ("message", "logentry", "extra", "breadcrumbs", "contexts", "tags"):
        if key in event:
            event[key] = _scrub_text(event[key])
    return event


def init_sentry(*, dsn: str, environment: str) -> None:
    if not dsn:
        return
    import sentry_sdk  # noqa: PLC0415  Sentry takes a fifth of a second to import: only when a DSN is set
    from sentry_sdk.integrations.celery import CeleryIntegration  # noqa: PLC0415  Sentry takes a fifth of a second to import: only when a DSN is set
    from sentry_sdk.integrations.django import DjangoIntegration  # noqa: PLC0415  Sentry takes a fifth of a second to import: only when a DSN is set

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=0.0,
    )
