"""The one form base of the platform, and the renderer that draws every field the same way.

`PlatformForm` is mixed into every form (tests/platform/test_forms.py finds any that is not):
- one-line text inputs hold one line. A title typed or pasted with a line break (or posted
  with one by a script) ends up in e-mail subjects, file names and page titles, where a line
  break breaks the header or the layout;
- labels carry no trailing colon.

Errors and help text are tied to their input by Django 5.2 itself: `BoundField` writes
`aria-invalid="true"` and `aria-describedby="<id>_helptext <id>_error"`, and its error list
carries `id="<id>_error"`. Templates draw a field with `{{ form.field.as_field_group }}`,
which `PlatformFormRenderer` renders with the one field template, `common/templates/common/field.html`; no
form sets ARIA attributes by hand (hand-made ids drifted from the template's: issue 18).
"""

from __future__ import annotations

import re

from django import forms
from django.forms.renderers import DjangoTemplates

# Line breaks of every kind Python's str.splitlines() knows, and other vertical spaces.
LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


class PlatformFormRenderer(DjangoTemplates):
    """Django's renderer with the platform's field template (settings.FORM_RENDERER)."""

    field_template_name = "common/field.html"


def single_line(value: str) -> str:
    """`value` with each run of line breaks replaced by one space."""
    return LINE_BREAKS.sub(" ", value)


def is_single_line(field: forms.Field) -> bool:
    """A text field shown as a one-line input (not a textarea)."""
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea)


class SingleLineTextMixin:
    """Line breaks in one-line text fields become spaces before the field validates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if is_single_line(field):
                field.to_python = _joined(field.to_python)


def _joined(to_python):
    def to_single_line(value):
        value = to_python(value)
        return single_line(value).strip() if isinstance(value, str) else value

    return to_single_line


class PlatformForm(SingleLineTextMixin):
    """Mix into every form: `class ConveningForm(PlatformForm, forms.ModelForm)`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
