"""One way to write an e-mail: subject, text and HTML rendered from templates in the
recipient's language. Every sender of the platform uses it (issue 18 found four composers).

A message is named by a template prefix, the convention allauth's account e-mails follow too:

    <prefix>_subject.txt    the subject (required), made header-safe (see below)
    <prefix>_message.txt    the plain-text body (required)
    <prefix>_message.html   an HTML alternative (optional; sent as multipart/alternative)

Send one:

    from common.mail import compose

    mail = compose("convenings/email/invitation", context, language=participant.preferred_language)
    mail.message(to=[participant.email]).send()

`compose` renders all three in `language` (`translation.override`), so a message never takes
the language of whoever triggered it. It does not change the time zone: a sender whose
texts print times wraps the call in `timezone.override(...)` for the zone it means. Use
`mail.with_texts(change)` to post-process the texts (the follow-up schedule and the
harvest e-mails scrub protected names), and `mail.message(...)` for headers, attachments or a
shared connection.

Headers: subjects carry titles staff typed (a convening's, a briefing's). A line break in
one made Django refuse the whole message with BadHeaderError, so every subject goes through
`header_safe`; tests/platform/test_mail.py sends each kind of e-mail with a broken title.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

# Errors worth retrying when a task sends e-mail: the mail server or network hiccuped.
MAIL_RETRY_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)
# The options of a task that sends one e-mail: acknowledged after it ran, retried on the
# errors above with backoff and jitter, five tries at most.
MAIL_TASK_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": MAIL_RETRY_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}

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


def failure_text(exc: BaseException) -> str:
    """What staff are shown about a send that failed (the kind of error and its words)."""
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return header_safe(text)[:300]


@dataclass(frozen=True)
class ComposedMail:
    """The texts of one e-mail in one language, ready to address."""

    subject: str
    text: str
    html: str | None
    language: str

    def with_texts(self, change: Callable[[str], str]) -> ComposedMail:
        """The same mail with `change` applied to its subject (kept header-safe), text and
        HTML: how a sender post-processes what was rendered (the follow-up schedule and the
        harvest e-mails scrub protected names)."""
        return replace(
            self,
            subject=header_safe(change(self.subject)),
            text=change(self.text),
            html=change(self.html) if self.html is not None else None,
        )

    def message(
        self,
        *,
        to: list[str],
        headers: Mapping[str, str] | None = None,
        attachments: Iterable = (),
        connection=None,
    ) -> EmailMultiAlternatives:
        """The message to `to`, from DEFAULT_FROM_EMAIL, saying its language in
        Content-Language; `attachments` are MIME parts or (name, content, type) triples."""
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text,
            to=to,
            headers={"Content-Language": self.language, **(headers or {})},
            connection=connection,
        )
        if self.html is not None:
            message.attach_alternative(self.html, "text/html")
        for part in attachments:
            if isinstance(part, tuple):
                message.attach(*part)
            else:
                message.attach(part)
        return message


def compose(prefix: str, context: Mapping, *, language: str) -> ComposedMail:
    """Render `<prefix>_subject.txt`, `<prefix>_message.txt` and, if it exists,
    `<prefix>_message.html` with `context`, in `language`."""
    context = dict(context)
    with translation.override(language):
        subject = header_safe(render_to_string(f"{prefix}_subject.txt", context))
        text = render_to_string(f"{prefix}_message.txt", context)
        try:
            html = render_to_string(f"{prefix}_message.html", context)
        except TemplateDoesNotExist:
            html = None
    return ComposedMail(subject=subject, text=text, html=html, language=language)
