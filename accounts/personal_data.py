"""Where a person's data lives: every model row that points at a participant or their account.

Found from the models themselves (`_meta.get_fields()`), so an app that adds a model with a
ForeignKey, OneToOne or ManyToMany to `participants.Participant` or the user is covered by
the export and the erasure without changes here. A model can say more with class
attributes:

- `PERSONAL_DATA_EXPORT = False`: never exported (e.g. rows that would reveal others);
- `PERSONAL_TEXT_FIELDS = ("field", ...)`: the free-text fields erasure clears (default:
  every blank-able TextField of rows the person owns, see `owned_text_fields`).

Rows flagged anonymous (`anonymous` / `is_anonymous` true) are never exported: anonymous
feedback must stay anonymous even to its author's data request.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

# Rows that record what staff did, or are handled on their own: never walked.
SKIPPED_MODELS = {
    "admin.logentry",
    "accounts.auditentry",
    "sessions.session",
    "auth.group",
    "auth.permission",
}
# Field names whose values are secrets, never exported.
SECRET_WORDS = ("password", "secret", "token", "key")
# Per-model fields that hold secrets under a plain name (allauth keeps TOTP secrets in `data`).
SECRET_FIELDS = {"mfa.authenticator": {"data"}}
# A participant's rows are the ones linked by these names; others (champions, reported_by…)
# are shared records that merely mention them.
OWNER_FIELD_NAMES = {"participant", "user", "owner", "person"}
ANONYMOUS_FLAGS = ("anonymous", "is_anonymous")


@dataclass(frozen=True)
class Link:
    """A relation from `model` to a person: `target` is "participant" or "user"."""

    model: type[models.Model]
    field: models.Field
    target: str

    @property
    def label(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field.name}"

    @property
    def owned(self) -> bool:
        """True when the row belongs to the person (their invitation), not just names them."""
        return not self.field.many_to_many and self.field.name in OWNER_FIELD_NAMES


def participant_model() -> type[models.Model]:
    return apps.get_model("participants", "Participant")


def person_models() -> tuple[type[models.Model], type[models.Model]]:
    return participant_model(), get_user_model()


def _is_actor_field(field: models.Field) -> bool:
    # invited_by, created_by, actor…: what the person did to other people's records.
    return field.name.endswith("_by") or field.name == "actor"


def person_links() -> list[Link]:
    """Every forward relation from any installed model to a participant or a user."""
    participant, user = person_models()
    links = []
    for model in apps.get_models():
        if model in (participant, user) or model._meta.label_lower in SKIPPED_MODELS:
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.ForeignKey | models.ManyToManyField):
                continue
            if field.related_model is participant:
                target = "participant"
            elif field.related_model is user:
                target = "user"
            else:
                continue
            if _is_actor_field(field):
                continue
            links.append(Link(model=model, field=field, target=target))
    return links


def rows_for(link: Link, *, participant, user) -> models.QuerySet:
    subject = participant if link.target == "participant" else user
    if subject is None:
        return link.model._default_manager.none()
    # The base manager: a person's data includes rows hidden from pages, i.e. withdrawn
    # invitations and items in "Recently deleted" (common/deletion.py).
    return link.model._base_manager.filter(**{link.field.name: subject}).distinct()


def is_anonymous(row: models.Model) -> bool:
    return any(bool(getattr(row, flag, False)) for flag in ANONYMOUS_FLAGS)


def _is_secret(model: type[models.Model], name: str) -> bool:
    if name in SECRET_FIELDS.get(model._meta.label_lower, set()):
        return True
    return any(word in name.lower() for word in SECRET_WORDS)


def _points_at_people(model: type[models.Model]) -> bool:
    people = person_models()
    return model in people or any(
        getattr(f, "related_model", None) in people
        for f in model._meta.get_fields()
        if isinstance(f, models.ForeignKey | models.ManyToManyField)
    )


def plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    if isinstance(value, models.fields.files.FieldFile):
        return value.name.rsplit("/", 1)[-1] if value else None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def serialise_row(row: models.Model, *, subjects: tuple) -> dict[str, Any]:
    """The row's own values; links to other people are left out, other objects are labelled.

    A related object that itself points at people (another invitation, say) is given by id
    only, so its label cannot carry someone else's name.
    """
    data: dict[str, Any] = {}
    model = type(row)
    people = person_models()
    for field in model._meta.concrete_fields:
        name = field.name
        if _is_secret(model, name) or _is_actor_field(field):
            continue
        if field.is_relation:
            related_id = getattr(row, field.attname)
            if field.related_model in people:
                if related_id is not None and any(
                    s is not None and s.pk == related_id and isinstance(s, field.related_model)
                    for s in subjects
                ):
                    data[name] = "you"
                continue
            if related_id is None:
                data[name] = None
            elif _points_at_people(field.related_model):
                data[name] = related_id
            else:
                data[name] = str(getattr(row, name))
            continue
        data[name] = plain(field.value_from_object(row))
    return data


def owned_text_fields(link: Link) -> list[str]:
    """Free-text fields erasure clears on the person's own rows of this model."""
    declared = getattr(link.model, "PERSONAL_TEXT_FIELDS", None)
    if declared is not None:
        return list(declared)
    if not link.owned:
        return []
    return [
        f.name
        for f in link.model._meta.concrete_fields
        if isinstance(f, models.TextField) and f.blank and not f.primary_key
    ]


def exportable_links() -> Iterator[Link]:
    for link in person_links():
        if getattr(link.model, "PERSONAL_DATA_EXPORT", True):
            yield link
