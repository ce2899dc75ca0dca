"""One key per send, so a repeated or concurrent POST of the same send sends once.

A form that sends something (a briefing pack, reminders) carries a hidden `send_key`, a
fresh UUID drawn each time the page is shown. The service stores it on the record of the
send under a unique constraint, so the database, not the browser, decides: a double click,
a slow network's resubmit, a second tab of the same page or a script replaying the POST
all carry the same key, and every POST after the first finds the first send's record and
answers with its result page. A page shown afresh draws a new key; that is a new send,
and the rules of each send (nobody gets the same pack twice, nobody is reminded twice
within REMINDER_MIN_INTERVAL_HOURS) still apply to it.

The form page's first POST only shows the confirmation step (`build_send_preview` and the
template sends/confirm.html), which carries the same key in a hidden field; the confirm
POST (`confirm=1`, see `is_confirmed`) sends.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterable
from email.mime.base import MIMEBase
from typing import Protocol, TypeVar

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Person(Protocol):
    """What a preview needs of a recipient (participants.Participant is one)."""

    pk: int
    full_name: str
    exposure_rank: int  # 0 named, 1 pseudonymous, 2 hidden


T = TypeVar("T")


class SendKeyField(forms.UUIDField):
    """The hidden key of one send; a POST without it is refused, not sent."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("initial", uuid.uuid4)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("This page is out of date: reload it and send again."),
                "invalid": _("This page is out of date: reload it and send again."),
            },
        )
        super().__init__(**kwargs)


# --- The confirmation step -------------------------------------------------------------
#
# Every send (a briefing pack, reminders, a notice of cancellation or new dates, an ad-hoc
# message) is shown to staff before it goes out: how many people, in which languages, what
# is attached, and the e-mail one person of each language will get. The e-mail is built by
# the same code that sends it (each app passes its composer), so the preview is what goes
# out, not a description of it. Addresses are never shown: the sample is named as staff
# see the person on the invitation list, and picked among people other participants may
# see when the language has any (participants.Visibility), so a hidden person's name
# appears in the preview only when everyone writing in that language is hidden.


@dataclasses.dataclass(frozen=True)
class Attachment:
    name: str
    size: int  # bytes


@dataclasses.dataclass(frozen=True)
class LanguageSample:
    """The recipients in one language, and the e-mail one of them gets."""

    code: str
    name: str  # the language's name in the active language
    count: int
    recipient: str  # the sample person's name as staff see it
    subject: str
    body: str
    attachments: list[Attachment]


@dataclasses.dataclass(frozen=True)
class SendPreview:
    total: int
    languages: list[LanguageSample]

    @property
    def attachments(self) -> list[Attachment]:
        """Every attachment of any language, once by name."""
        seen: dict[str, Attachment] = {}
        for sample in self.languages:
            for item in sample.attachments:
                seen.setdefault(item.name, item)
        return list(seen.values())


def _attachments_of(message: EmailMessage) -> list[Attachment]:
    found = []
    for item in message.attachments:
        if isinstance(item, MIMEBase):
            data = item.get_payload(decode=True) or b""
            found.append(Attachment(name=item.get_filename() or "", size=len(data)))
        else:
            name, content, _mimetype = item
            size = len(content.encode() if isinstance(content, str) else content)
            found.append(Attachment(name=name or "", size=size))
    return found


def build_send_preview(
    *,
    recipients: Iterable[T],
    participant_of: Callable[[T], Person],
    language_of: Callable[[T], str],
    compose: Callable[[T, str], EmailMessage],
) -> SendPreview:
    """What a send to these recipients would put in people's inboxes, before it does.

    `compose(recipient, language)` must be the send's own composer; it runs once per
    language (for the sample), in that language.
    """
    by_language: dict[str, list[T]] = {}
    for recipient in recipients:
        by_language.setdefault(language_of(recipient) or settings.LANGUAGE_CODE, []).append(
            recipient
        )
    names = dict(settings.LANGUAGES)
    order = [code for code, _name in settings.LANGUAGES]
    samples = []
    for code in sorted(by_language, key=lambda c: order.index(c) if c in order else len(order)):
        group = by_language[code]
        sample = min(group, key=lambda r: (participant_of(r).exposure_rank, participant_of(r).pk))
        with translation.override(code):
            message = compose(sample, code)
        samples.append(
            LanguageSample(
                code=code,
                name=str(names.get(code, code)),
                count=len(group),
                recipient=participant_of(sample).full_name,
                subject=str(message.subject),
                body=str(message.body),
                attachments=_attachments_of(message),
            )
        )
    return SendPreview(total=sum(s.count for s in samples), languages=samples)


def is_confirmed(request) -> bool:
    """The POST came from the confirmation step (sends/confirm.html), not the first form."""
    return request.POST.get("confirm") == "1"
