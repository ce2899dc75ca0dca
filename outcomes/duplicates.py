"""A new outcome is recorded once per form, and staff are told when it looks like one recorded.

An outcome saved twice prints twice in the funder report, so:
- `likely_duplicates(data=...)`: outcomes whose title or "what changed", in any language, is
  the same as the new one's once normalised (case, spaces, punctuation:
  `common.once.normalised`);
- `save_new_outcome_once(...)`: `services.save_outcome` once per form key; a repeated or
  concurrent POST of the same form answers with the first outcome.
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from common.listing import translated_fields
from common.once import Duplicate, create_once, dated_duplicates, normalised_texts

from . import services
from .models import Outcome

TITLE_FIELDS = translated_fields("title")
CHANGE_FIELDS = translated_fields("what_changed")


def earlier_from_form(*, create_key: uuid.UUID) -> Outcome | None:
    """The outcome an earlier POST of the same form recorded, if any."""
    return Outcome.objects.filter(create_key=create_key).first()


def likely_duplicates(*, data: dict) -> list[Duplicate]:
    titles = normalised_texts(data.get(name) for name in TITLE_FIELDS)
    changes = normalised_texts(data.get(name) for name in CHANGE_FIELDS)

    def reason(outcome: Outcome) -> str | None:
        same = (
            bool(titles & normalised_texts(getattr(outcome, name) for name in TITLE_FIELDS)),
            bool(changes & normalised_texts(getattr(outcome, name) for name in CHANGE_FIELDS)),
        )
        if same == (True, True):
            return _("Same title and description of the change.")
        if same == (True, False):
            return _("Same title.")
        return _("Same description of the change.") if same == (False, True) else None

    rows = Outcome.objects.only(*TITLE_FIELDS, *CHANGE_FIELDS, "date").order_by("-date", "-pk")
    return dated_duplicates(rows, reason=reason, day="date", url_name="outcomes:staff-edit")


@transaction.atomic
def save_new_outcome_once(
    *, form, evidence_formset, by, create_key: uuid.UUID
) -> tuple[Outcome, bool]:
    """The new outcome, or the one this form's key already recorded (then True)."""
    return create_once(
        Outcome,
        key=create_key,
        create=lambda: services.save_outcome(
            form=form, evidence_formset=evidence_formset, by=by, create_key=create_key
        ),
    )
