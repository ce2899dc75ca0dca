"""Mail backends that fail as SMTP servers do, and helpers that send a pack or run a batch
of deliveries with the on-commit work run.
"""

from __future__ import annotations

import smtplib

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from briefings import services, tasks


def send_pack(pack, capture):
    with capture(execute=True):
        return services.send_briefing_pack(pack=pack, by=None)


class FailingBackend(BaseEmailBackend):
    calls = 0

    def send_messages(self, messages):
        FailingBackend.calls += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class FlakyBackend(LocmemBackend):
    """The test outbox behind a mail server that refuses some addresses or drops the line."""

    connections = 0
    refused: dict[str, int] = {}  # address -> how many more times it is refused
    drop_at: int | None = None  # the message (counted from 0) on which the line drops, once
    messages = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        FlakyBackend.connections += 1

    def send_messages(self, messages):
        for message in messages:
            address = message.to[0]
            number, FlakyBackend.messages = FlakyBackend.messages, FlakyBackend.messages + 1
            if number == FlakyBackend.drop_at:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            if self.refused.get(address):
                self.refused[address] -= 1
                raise smtplib.SMTPRecipientsRefused({address: (550, b"5.1.1 No such user")})
        return super().send_messages(messages)


def run_batch(deliveries):
    result = tasks.deliver_pack_batch.apply(kwargs={"delivery_ids": [d.pk for d in deliveries]})
    return result.get()


def recipients():
    return sorted(m.to[0] for m in mail.outbox)
