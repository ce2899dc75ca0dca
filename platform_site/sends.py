"""One key per send, so a repeated or concurrent POST of the same send sends once.

A form that sends something (a briefing pack, reminders) carries a hidden `send_key`, a
fresh UUID drawn each time the page is shown. The service stores it on the record of the
send under a unique constraint, so the database, not the browser, decides: a double click,
a slow network's resubmit, a second tab of the same page or a script replaying the POST
all carry the same key, and every POST after the first finds the first send's record and
answers with its result page. A page shown afresh draws a new key; that is a new send,
and the rules of each send (nobody gets the same pack twice, nobody is reminded twice
within REMINDER_MIN_INTERVAL_HOURS) still apply to it.
"""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _


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
