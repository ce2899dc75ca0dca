"""Forms that create something create it once, and say when it looks like a duplicate.

Once: a create form (a new convening, a new outcome) carries a hidden `create_key`, a fresh
UUID drawn each time the empty form is shown, like the send key of `common/sends.py`.
The service stores it on the new row under a unique constraint (`create_once`), so a double
click, a resubmit after a slow answer, two tabs of the same form or a script replaying the
POST, one after the other or at the same moment, make one row: every POST after the first
finds the row the first one made and is answered with it, not with an error.

Likely duplicates: before saving, the view asks the app's `likely_duplicates(...)` (titles
compared with `normalised_texts`, plus what else makes two records the same thing; the
matches listed by `dated_duplicates`) and, when something matches, shows the form again
with the matches and a "Save anyway" button, which posts the same form with `save_anyway`
set. The same key goes with it, so confirming twice still makes one row.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django import forms
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

T = TypeVar("T", bound=models.Model)

SAVE_ANYWAY = "save_anyway"


class CreateKeyField(forms.UUIDField):
    """The hidden key of one create form; a POST without it is refused, not saved."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("initial", uuid.uuid4)
        message = _("This page is out of date: reload it and save again.")
        kwargs.setdefault("error_messages", {"required": message, "invalid": message})
        super().__init__(**kwargs)


class CreateOnceMixin:
    """A create form's hidden `create_key`; a wrong or missing key is said above the form
    (the field itself is hidden)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["create_key"] = CreateKeyField()

    def clean(self):
        data = super().clean()
        for error in self.errors.pop("create_key", []):
            self.add_error(None, error)
        return data


@dataclass(frozen=True)
class Duplicate:
    """Something already recorded that the new record looks like, and why."""

    label: str
    url: str
    reason: str


def normalised(text: str | None) -> str:
    """Text as two people typing the same title would both type it: compatibility forms
    folded (NFKC), case folded, punctuation and runs of spaces as one space. Thai and other
    scripts are kept as written."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    # Punctuation, symbols, separators and control characters become spaces; letters,
    # digits and combining marks (Thai vowels and tone marks) stay.
    kept = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in folded)
    return " ".join(kept.split())


def normalised_texts(values: Iterable[str | None]) -> set[str]:
    """The non-empty `normalised` texts among `values`: a record's title in every language,
    from the form's data or from a row, so that two records match when any one agrees."""
    return {normalised(value) for value in values} - {""}


def dated_duplicates(
    rows: Iterable[T], *, reason: Callable[[T], str | None], day: str, url_name: str
) -> list[Duplicate]:
    """The rows `reason` gives a reason for, each named by its title and its `day` field as
    staff see them in the lists, and linked to its `url_name` page (every app's duplicate
    warning lists its matches this one way)."""
    found = []
    for row in rows:
        why = reason(row)
        if why:
            label = gettext("%(title)s, %(date)s") % {
                "title": row.title,
                "date": date_format(getattr(row, day)),
            }
            found.append(Duplicate(label=label, url=reverse(url_name, args=[row.pk]), reason=why))
    return found


def create_once(model: type[T], *, key: uuid.UUID, create: Callable[[], T]) -> tuple[T, bool]:
    """The row `create()` makes, or the one an earlier call with `key` made (then True).

    Call inside the service's transaction; the model has `create_key` unique. Of two
    concurrent inserts with one key, PostgreSQL makes the second wait for the first and
    then refuses it, SQLite (IMMEDIATE transactions) runs them in turn: either way the
    second finds the first's row.
    """
    existing = model._default_manager.filter(create_key=key).first()
    if existing is not None:
        return existing, True
    try:
        with transaction.atomic():
            return create(), False
    except IntegrityError:
        existing = model._default_manager.filter(create_key=key).first()
        if existing is None:
            raise
        return existing, True
