"""The browser's date and time inputs get ISO values in every language (common.inputs)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.utils import translation

from common import inputs

LANGUAGES = [code for code, _name in settings.LANGUAGES]
ISO = {
    "date": (dt.date(2026, 12, 5), "2026-12-05"),
    "datetime-local": (dt.datetime(2026, 12, 5, 9, 30), "2026-12-05T09:30"),
    "time": (dt.time(9, 30), "09:30"),
}
WIDGETS = [inputs.DateInput, inputs.DateTimeInput, inputs.TimeInput]
APPS = (
    "accounts",
    "participants",
    "convenings",
    "briefings",
    "engagement",
    "outcomes",
    "platform_site",
)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("widget_class", WIDGETS, ids=lambda w: w.__name__)
def test_the_value_is_iso_in_every_language(widget_class, language):
    widget = widget_class()
    value, expected = ISO[widget.input_type]
    with translation.override(language):
        html = widget.render("when", value)
    assert f'type="{widget.input_type}"' in html
    assert f'value="{expected}"' in html


@pytest.mark.parametrize("language", ["id", "th"])
def test_a_django_date_input_would_not_be(language):
    # Why the shared widgets exist: Django's own writes the language's style, which an
    # <input type="date"> rejects and shows empty.
    with translation.override(language):
        html = forms.DateInput(attrs={"type": "date"}).render("when", dt.date(2026, 12, 5))
    assert 'value="2026-12-05"' not in html


def _our_forms() -> list[type[forms.BaseForm]]:
    import importlib

    for app in APPS[:-1]:
        importlib.import_module(f"{app}.forms")
    seen, stack = [], [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.split(".")[0] in APPS:
                seen.append(sub)
    return seen


def test_every_date_and_time_field_of_every_form_uses_them():
    forms_found = _our_forms()
    assert len(forms_found) >= 10
    wrong = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in forms_found
        for name, field in form.base_fields.items()
        if getattr(field.widget, "input_type", None) in ISO
        and not isinstance(field.widget, tuple(WIDGETS))
    ]
    assert wrong == []


def test_no_form_builds_its_own_date_widget():
    # Widgets set in a form's __init__ are not in base_fields: read the source too.
    base = Path(settings.BASE_DIR)
    own = re.compile(r"forms\.(DateInput|DateTimeInput|TimeInput)\(|\"type\": \"(date|time)")
    sources = [
        p
        for app in APPS
        for p in (base / app).rglob("*.py")
        if "migrations" not in p.parts and p.name != "inputs.py"
    ]
    offenders = [str(p.relative_to(base)) for p in sources if own.search(p.read_text())]
    assert offenders == []
