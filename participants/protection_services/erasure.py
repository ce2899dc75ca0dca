"""The part of erasure that reaches beyond the person's own rows.

`scrub_name_everywhere` rewrites every text, JSON and file-name column of every model, the
audit log included; `forget_addresses_of_erased` gives rows still holding an erased
person's address the erased one."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models

from accounts.selectors import ERASED_EMAIL_DOMAIN

from .. import protection
from ..models import Participant
from . import file_contents, mail_files

if TYPE_CHECKING:
    pass

# Never rewritten by the erasure walk: the person's own record is handled by the erasure
# itself, and these are bookkeeping without free text about people.
_NOT_WALKED = {
    "participants.erasedname",
    "participants.protectionflag",
    "sessions.session",
    "contenttypes.contenttype",
    "auth.permission",
    "migrations.migration",
    "accounts.user",  # the person's own account is handled by the erasure itself
}

# Of everyone else's record only the staff notes are free text about other people: their
# names are their own ("Desmond Tan" keeps "Desmond" when Desmond Ashworth-Pike is erased).
_ONLY_COLUMNS = {"participants.participant": {"notes"}}


def _raw_manager(model):
    """The model's rows with column names as written: modeltranslation otherwise reads and
    writes `description` as `description_<active language>`, leaving the untranslated
    column (which a backup holds) untouched."""
    query = model._base_manager.all()  # deleted and withdrawn rows too (common/deletion.py)
    return query.rewrite(False) if hasattr(query, "rewrite") else query


def _raw_value(row, column: models.Field):
    """The column's stored value, not a translation descriptor's answer."""
    return row.__dict__.get(column.attname)


def _text_columns(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        and not f.primary_key
        and not getattr(f, "choices", None)
    ]


def _file_columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


class _Rewriter:
    """Rewrites text (and JSON) with the person's addresses and every form of their name
    replaced."""

    def __init__(self, registry: protection.Registry, emails: dict[str, str], placeholder: str):
        self.registry = registry
        self.emails = emails
        self.placeholder = placeholder
        self.email_pattern = (
            re.compile("|".join(re.escape(e) for e in emails if e), re.IGNORECASE)
            if emails
            else None
        )

    def text(self, value: str) -> str:
        if self.email_pattern is not None:
            value = self.email_pattern.sub(
                lambda m: self.emails.get(m.group(0).lower(), self.placeholder), value
            )
        hits = self.registry.find(value)
        if not hits:
            return value
        out, cursor = [], 0
        for hit in hits:
            if hit.start < cursor:
                continue
            out += [value[cursor : hit.start], self.placeholder]
            cursor = hit.end
        return "".join(out) + value[cursor:]

    def json(self, value):
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(v) for v in value]
        if isinstance(value, dict):
            return {k: self.json(v) for k, v in value.items()}
        return value

    def column(self, value, column: models.Field):
        if isinstance(column, models.EmailField):
            # An address is replaced whole or not at all: "staff@demo.example" keeps "demo"
            # when a "Demo Participant" is erased (someone else's sign-in address).
            return self.emails.get(value.strip().lower(), value)
        new = self.json(value) if isinstance(column, models.JSONField) else self.text(value)
        if isinstance(new, str) and column.max_length:
            new = new[: column.max_length]
        return new


def _walked_columns(model) -> tuple[list[models.Field], list[models.Field]]:
    """(text and JSON columns, file columns) of a model the erasure walk rewrites."""
    label = model._meta.label_lower
    if label in _NOT_WALKED or model._meta.proxy:
        return [], []
    columns = _text_columns(model)
    files = _file_columns(model)
    if label in _ONLY_COLUMNS:
        columns = [c for c in columns if c.name in _ONLY_COLUMNS[label]]
        files = []
    return columns, files


def _candidate_rows(manager, columns, files, needles: list[str]) -> list:
    """Rows holding one of the needles in a text, file-name or JSON column."""
    query = models.Q()
    for column in [c for c in columns if not isinstance(c, models.JSONField)] + files:
        for needle in needles:
            query |= models.Q(**{f"{column.name}__icontains": needle})
    candidates = list(manager.filter(query) if query else manager.none())
    json_columns = [c for c in columns if isinstance(c, models.JSONField)]
    if json_columns:
        # JSON cannot be searched the same way on SQLite and PostgreSQL: read and test.
        seen = {r.pk for r in candidates}
        for row in manager.exclude(pk__in=seen).iterator():
            blob = json.dumps([_raw_value(row, c) for c in json_columns], ensure_ascii=False)
            if any(n.casefold() in blob.casefold() for n in needles):
                candidates.append(row)
    return candidates


def _rewritten_values(row, columns, files, rewriter: _Rewriter) -> dict:
    """The row's changed column values (files stored again under a name without hers)."""
    values = {}
    for column in columns:
        value = _raw_value(row, column)
        if value in (None, "", {}, []):
            continue
        new = rewriter.column(value, column)
        if new != value:
            values[column.attname] = new
    for column in files:
        if _rename_file(row, column, rewriter.text):
            values[column.attname] = getattr(row, column.name).name
    return values


def scrub_name_everywhere(
    *, identity: protection.Identity, emails: dict[str, str], placeholder: str
) -> Counter:
    """Replace the person's name (every form) by `placeholder` and their addresses by the
    erased ones in every text, JSON and file-name column of every model. Returns counts
    of rows changed per model (no content)."""
    rewriter = _Rewriter(_erasure_registry(identity), emails, placeholder)
    needles = _needles(identity, emails)
    counts: Counter = Counter()
    for model in apps.get_models():
        columns, files = _walked_columns(model)
        if not columns and not files:
            continue
        label = model._meta.label_lower
        manager = _raw_manager(model)
        if label == "participants.participant":
            manager = manager.exclude(pk=identity.participant_id)
        for row in _candidate_rows(manager, columns, files, needles):
            values = _rewritten_values(row, columns, files, rewriter)
            if values:
                _raw_manager(model).filter(pk=row.pk).update(**values)
                counts[label] += 1
    return counts


def scrub_name_in_stored_files(
    *, identity: protection.Identity, emails: dict[str, str], placeholder: str
) -> Counter:
    """The contents of every stored file (every model's FileField) rewritten where they
    name the person, or the file withheld from participants and listed for staff
    (`file_contents`). Run after stored reports were deleted to be rendered again."""
    rewriter = _Rewriter(_erasure_registry(identity), emails, placeholder)
    return file_contents.scrub_name_in_files(
        registry=rewriter.registry,
        rewrite=rewriter.text,
        participant_id=identity.participant_id,
        walked=lambda model: _walked_columns(model)[1],
        manager=_raw_manager,
    )


def scrub_name_in_mail_files(
    *, identity: protection.Identity, emails: dict[str, str], placeholder: str
) -> int:
    """Sent mail kept by the file mail backend (`var/mail/`): the person's name and
    addresses replaced by the placeholder (mail_files). Returns the files changed."""
    rewriter = _Rewriter(_erasure_registry(identity), emails, placeholder)

    def found(text: str) -> bool:
        return bool(rewriter.registry.find(text)) or rewriter.text(text) != text

    return mail_files.scrub_mail_files(rewrite=rewriter.text, found=found)


def _erasure_registry(identity: protection.Identity) -> protection.Registry:
    # Everyone else's full name is kept whole: "Wanida Erasable-Somchai" is someone else.
    others = (
        Participant.objects.exclude(pk=identity.participant_id)
        .values_list("full_name", flat=True)
        .order_by()
    )
    return protection.Registry([identity], keep=list(others))


def _needles(identity: protection.Identity, emails: dict[str, str]) -> list[str]:
    """Plain strings a row must contain to be worth reading (a database-side filter)."""
    needles = {e for e in emails if e}
    for term, form in identity.terms:
        plain = (protection.Form.NAME, protection.Form.NAME_PART, protection.Form.OTHER_SCRIPT)
        if form in plain or (form == protection.Form.TITLED and protection.letters(term) >= 3):
            needles.add(term)
    return sorted(needles)


def _rename_file(row, column: models.FileField, rewrite) -> bool:
    """Store the file again under a name without the person's name; the old one goes."""
    file = getattr(row, column.name)
    if not file or not file.name:
        return False
    folder, _, base = file.name.rpartition("/")
    readable = re.sub(r"[_\-.]+", " ", base)
    if rewrite(readable) == readable and rewrite(base) == base:
        return False
    extension = base.rsplit(".", 1)[-1] if "." in base else "bin"
    storage = file.storage
    with storage.open(file.name, "rb") as handle:
        content = handle.read()
    new_name = storage.save(f"{folder}/erased-{row.pk}.{extension}", ContentFile(content))
    storage.delete(file.name)
    setattr(row, column.name, new_name)
    return True


def forget_addresses_of_erased() -> int:
    """Rows linked to an erased person that still hold an address in an e-mail column (a
    mail-log row written before their erasure was complete, or by older code) get the
    person's erased address. Returns the number of rows changed."""

    changed = 0
    for model in apps.get_models():
        emails = [f for f in model._meta.concrete_fields if isinstance(f, models.EmailField)]
        links = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.related_model is Participant
        ]
        if not emails or not links or model is Participant:
            continue
        for link in links:
            erased = {f"{link.name}__email__endswith": "@" + ERASED_EMAIL_DOMAIN}
            for column in emails:
                rows = model._default_manager.filter(**erased).exclude(
                    **{column.name: models.F(f"{link.name}__email")}
                )
                for row in rows.select_related(link.name):
                    address = getattr(row, link.name).email
                    model._default_manager.filter(pk=row.pk).update(**{column.name: address})
                    changed += 1
    return changed
