"""Writes of the protection service: re-checking what participants see, and erasing a name.

`recheck` runs after anything that changes who is protected or who is present (an
invitation, a change of visibility or consent, an erasure): every published note, agenda
session, site visit, follow-up action and progress update is checked again; what now
identifies someone is taken down from participant view (notes go back to draft, the rest is
withheld) and listed for staff with the reason (`ProtectionFlag`, `/staff/protection/`).
Editing the object so that it passes the check resolves its flag (`resolve_if_clean`).
It runs inside the transaction of the change, not as a task: a protection that waits
for a queue that may be down is no protection.

`scrub_name_everywhere` is the part of erasure that reaches beyond the person's own rows:
every text, JSON and file-name column of every model, the audit log included.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname as localized

from accounts import audit

from . import protection
from .models import Participant, ProtectionFlag

logger = logging.getLogger(__name__)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Participant-facing objects and their free-text fields (translated ones in every language).
SHOWN_TO_PARTICIPANTS = {
    "convenings.agendasession": ["facilitators", "title*", "description*"],
    "convenings.sitevisit": ["programme*", "place", "learning*"],
    "engagement.followupaction": ["title"],
    "engagement.actionupdate": ["text"],
    "briefings.briefing": ["title*", "summary*", "body*"],
}
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
    query = model._base_manager.all()  # deleted and withdrawn rows too (operations/deletion.py)
    return query.rewrite(False) if hasattr(query, "rewrite") else query


def _raw_value(row, column: models.Field):
    """The column's stored value, not a translation descriptor's answer."""
    return row.__dict__.get(column.attname)


def _fields(label: str) -> list[str]:
    out = []
    for name in SHOWN_TO_PARTICIPANTS[label]:
        if name.endswith("*"):
            out += [localized(name[:-1], code) for code in LANGUAGE_CODES]
        else:
            out.append(name)
    return out


def _flag(obj, *, field: str, participant_id: int | None, reason: str) -> bool:
    label = obj._meta.label_lower
    exists = ProtectionFlag.objects.filter(
        object_type=label, object_id=str(obj.pk), field=field, resolved_at=None
    ).exists()
    if exists:
        return False
    ProtectionFlag.objects.create(
        object_type=label,
        object_id=str(obj.pk),
        field=field,
        reason=reason,
        participant_id=participant_id,
        label=str(obj)[:200],
    )
    return True


@dataclass
class RecheckResult:
    checked: int = 0
    flagged: int = 0
    notes_unpublished: int = 0
    resolved: int = 0


@transaction.atomic
def recheck(*, why: str, by=None) -> RecheckResult:
    """Check again everything participants can read (see the module docstring)."""
    from engagement import checker
    from engagement.models import MeetingNote, NotesStatus

    result = RecheckResult()
    registry = protection.registry(audience=protection.Audience.PARTICIPANTS)
    still_bad: set[tuple[str, str]] = set()
    for label in SHOWN_TO_PARTICIPANTS:
        model = apps.get_model(label)
        fields = [f for f in _fields(label) if _has_field(model, f)]
        for obj in model._default_manager.all().iterator():
            result.checked += 1
            for name in fields:
                hits = registry.find(getattr(obj, name, "") or "")
                if hits:
                    still_bad.add((label, str(obj.pk)))
                    who = hits[0].identity.participant_id
                    if _flag(obj, field=name, participant_id=who, reason=hits[0].reason):
                        result.flagged += 1
    for notes in MeetingNote.objects.filter(status=NotesStatus.PUBLISHED).select_related(
        "convening"
    ):
        result.checked += 1
        matches = checker.check_notes(notes, registry=registry)
        if not matches:
            continue
        first = matches[0]
        notes.status = NotesStatus.DRAFT
        notes.published_at = None
        notes.published_by = None
        notes.save(update_fields=["status", "published_at", "published_by", "updated_at"])
        audit.record(
            actor=by,
            action="notes.unpublished",
            obj=notes,
            changes={"status": ["published", "draft"], "why": [None, why]},
        )
        _flag(
            notes,
            field=first.field,
            participant_id=first.participant_id or None,
            reason=_note_reason(first),
        )
        result.notes_unpublished += 1
        result.flagged += 1
    # Flags whose object now passes (edited, or the person is named again) are resolved.
    for flag in ProtectionFlag.objects.filter(resolved_at=None).exclude(
        object_type="engagement.meetingnote"
    ):
        if (flag.object_type, flag.object_id) not in still_bad:
            flag.resolved_at = timezone.now()
            flag.save(update_fields=["resolved_at"])
            result.resolved += 1
    logger.info("protection re-check (%s): %s", why, result)
    return result


def _note_reason(match) -> str:
    from engagement.checker import Kind

    return {
        Kind.PROTECTED: "protected",
        Kind.SPEAKER: "speaker",
        Kind.DESCRIPTION: "description",
        Kind.ORGANISATION: "organisation",
        Kind.POSITION_COUNTRY: "position_country",
    }.get(match.kind, "name")


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:  # a language not installed
        return False
    return True


def resolve_if_clean(obj) -> None:
    """The object was edited and passed the check: its open flags are resolved."""
    if obj.pk is None:
        return
    ProtectionFlag.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), resolved_at=None
    ).update(resolved_at=timezone.now())


# --- Erasure ---------------------------------------------------------------------------------


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


def scrub_name_everywhere(
    *, identity: protection.Identity, emails: dict[str, str], placeholder: str
) -> Counter:
    """Replace the person's name (every form) by `placeholder` and their addresses by the
    erased ones in every text, JSON and file-name column of every model. Returns counts
    of rows changed per model (no content)."""
    # Everyone else's full name is kept whole: "Wanida Erasable-Somchai" is someone else.
    others = (
        Participant.objects.exclude(pk=identity.participant_id)
        .values_list("full_name", flat=True)
        .order_by()
    )
    registry = protection.Registry([identity], keep=list(others))
    needles = _needles(identity, emails)
    counts: Counter = Counter()
    email_pattern = (
        re.compile("|".join(re.escape(e) for e in emails if e), re.IGNORECASE) if emails else None
    )

    def rewrite(value: str) -> str:
        if email_pattern is not None:
            value = email_pattern.sub(lambda m: emails.get(m.group(0).lower(), placeholder), value)
        hits = registry.find(value)
        if not hits:
            return value
        out, cursor = [], 0
        for hit in hits:
            if hit.start < cursor:
                continue
            out += [value[cursor : hit.start], placeholder]
            cursor = hit.end
        return "".join(out) + value[cursor:]

    def rewrite_json(value):
        if isinstance(value, str):
            return rewrite(value)
        if isinstance(value, list):
            return [rewrite_json(v) for v in value]
        if isinstance(value, dict):
            return {k: rewrite_json(v) for k, v in value.items()}
        return value

    for model in apps.get_models():
        label = model._meta.label_lower
        if label in _NOT_WALKED or model._meta.proxy:
            continue
        columns = _text_columns(model)
        files = _file_columns(model)
        if label in _ONLY_COLUMNS:
            columns = [c for c in columns if c.name in _ONLY_COLUMNS[label]]
            files = []
        if not columns and not files:
            continue
        manager = _raw_manager(model)
        if label == "participants.participant":
            manager = manager.exclude(pk=identity.participant_id)
        query = models.Q()
        for column in columns:
            if isinstance(column, models.JSONField):
                continue
            for needle in needles:
                query |= models.Q(**{f"{column.name}__icontains": needle})
        for column in files:
            for needle in needles:
                query |= models.Q(**{f"{column.name}__icontains": needle})
        json_columns = [c for c in columns if isinstance(c, models.JSONField)]
        rows = manager.filter(query) if query else manager.none()
        candidates = list(rows)
        if json_columns:
            # JSON cannot be searched the same way on SQLite and PostgreSQL: read and test.
            seen = {r.pk for r in candidates}
            for row in manager.exclude(pk__in=seen).iterator():
                blob = json.dumps([_raw_value(row, c) for c in json_columns], ensure_ascii=False)
                if any(n.casefold() in blob.casefold() for n in needles):
                    candidates.append(row)
        for row in candidates:
            values = {}
            for column in columns:
                value = _raw_value(row, column)
                if value in (None, "", {}, []):
                    continue
                new = (
                    rewrite_json(value) if isinstance(column, models.JSONField) else rewrite(value)
                )
                if isinstance(new, str) and column.max_length:
                    new = new[: column.max_length]
                if new != value:
                    values[column.attname] = new
            for column in files:
                if _rename_file(row, column, rewrite):
                    values[column.attname] = getattr(row, column.name).name
            if values:
                _raw_manager(model).filter(pk=row.pk).update(**values)
                counts[label] += 1
    return counts


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


# --- Upload names ------------------------------------------------------------------------------

NAME_REMOVED = "name-removed"


def safe_file_name(name: str, *, audience: str = protection.Audience.PARTICIPANTS) -> str:
    """The upload's name with any protected name taken out ("Minutes_Somchai_W.pdf" ->
    "Minutes_name-removed.pdf"); unchanged when it names nobody."""
    folder, _, base = (name or "").rpartition("/")
    stem, dot, extension = base.rpartition(".") if "." in base else (base, "", "")
    readable = re.sub(r"[_\-.]+", " ", stem)
    registry = protection.registry(audience=audience)
    hits = registry.find(readable)
    if not hits:
        return name
    out, cursor = [], 0
    for hit in hits:
        if hit.start < cursor:
            continue
        out += [readable[cursor : hit.start], NAME_REMOVED]
        cursor = hit.end
    cleaned = "_".join(("".join(out) + readable[cursor:]).split())
    return (f"{folder}/" if folder else "") + cleaned + (dot + extension if dot else "")


def strip_names_from_files(objs, *, field: str, audience: str = protection.Audience.REPORTS) -> int:
    """Store again under a safe name any of these objects' files whose name names someone."""
    renamed = 0
    for obj in objs:
        file = getattr(obj, field)
        if not file or not file.name:
            continue
        safe = safe_file_name(file.name, audience=audience)
        if safe == file.name:
            continue
        storage = file.storage
        with storage.open(file.name, "rb") as handle:
            content = handle.read()
        new_name = storage.save(safe, ContentFile(content))
        storage.delete(file.name)
        type(obj)._default_manager.filter(pk=obj.pk).update(**{field: new_name})
        setattr(obj, field, new_name)
        renamed += 1
    return renamed


def forget_addresses_of_erased() -> int:
    """Rows linked to an erased person that still hold an address in an e-mail column (a
    mail-log row written before their erasure was complete, or by older code) get the
    person's erased address. Returns the number of rows changed."""
    from accounts.selectors import ERASED_EMAIL_DOMAIN

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
