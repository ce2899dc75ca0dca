"""Moved to `common.mail` (issue 18). These names stay importable until the branches of the
current wave are merged. `render_subject` is gone on purpose: a sender still rendering its
own subject and body fails at import and switches to `common.mail.compose`."""

from common.mail import MAX_SUBJECT_CHARS, failure_text, header_safe

__all__ = ["MAX_SUBJECT_CHARS", "failure_text", "header_safe"]
