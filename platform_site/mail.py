"""E-mail headers built from content.

Subjects carry titles staff typed (a convening's, a briefing's): a line break in one made
Django refuse the whole message with BadHeaderError. Every subject the platform sends is
made by `render_subject` (or passed through `header_safe`), so no content can break a
header; tests/platform/test_mail.py sends each kind of e-mail with a broken title.
"""

from __future__ import annotations

import re

from django.template.loader import render_to_string

# Control characters have no place in a header; whitespace of any kind becomes one space.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Subjects are kept short enough for mail clients and the follow-up log (250 characters).
MAX_SUBJECT_CHARS = 200


def header_safe(text: str) -> str:
    """`text` on one line, without control characters, at most MAX_SUBJECT_CHARS long."""
    text = " ".join(_CONTROL.sub(" ", str(text)).split())
    if len(text) > MAX_SUBJECT_CHARS:
        text = text[: MAX_SUBJECT_CHARS - 1].rstrip() + "…"
    return text


def render_subject(template_name: str, context: dict) -> str:
    """The subject template rendered in the active language, safe to use as a header."""
    return header_safe(render_to_string(template_name, context))


def failure_text(exc: BaseException) -> str:
    """What staff are shown about a send that failed (the kind of error and its words)."""
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return header_safe(text)[:300]
