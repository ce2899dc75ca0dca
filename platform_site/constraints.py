"""Model constraints whose violations read well in a form.

Django reports a CheckConstraint with "Constraint “name” is violated." as an error of the
whole form, in English. Every constraint of the platform sets a translated
`violation_error_message` and a `violation_error_code` (its name), and a check that is
about one field names it (`field=`), so `full_clean()` and every ModelForm (ours and the
admin's) put the message beside that field. tests/platform/test_constraints.py finds any
constraint without a translated message.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models


class FieldCheckConstraint(models.CheckConstraint):
    """A CheckConstraint reported on `field` (None: on the whole form)."""

    def __init__(self, *args, field: str | None = None, **kwargs):
        self.field = field
        super().__init__(*args, **kwargs)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            if self.field is None:
                raise
            raise ValidationError({self.field: [error]}) from None

    def clone(self):
        # Django clones a model's constraints when it builds the model (and deconstruct
        # leaves `field` out), so the field is carried over by hand.
        copy = super().clone()
        copy.field = self.field
        return copy

    def deconstruct(self):
        # Migrations keep Django's own class: where a message is shown changes nothing in
        # the database, so it needs no migration of its own.
        _path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs
