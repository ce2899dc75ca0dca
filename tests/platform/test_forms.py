"""Every form of the platform: one-line text inputs hold one line (titles end up in e-mail
subjects, file names and page titles)."""

from __future__ import annotations

import importlib

import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from common.forms import PlatformForm, SingleLineTextMixin, is_single_line

PROJECT_APPS = [
    a for a in settings.INSTALLED_APPS if "." not in a and (settings.BASE_DIR / a).is_dir()
]


def project_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in an app's forms module."""
    found = []
    for app in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


def test_the_project_has_forms_to_check():
    names = {form.__name__ for form in project_forms()}
    assert {"ConveningForm", "BriefingForm", "OutcomeForm", "ParticipantForm"} <= names


@pytest.mark.parametrize(
    "form_class", project_forms(), ids=lambda f: f"{f.__module__}.{f.__name__}"
)
def test_every_form_is_a_platform_form(form_class):
    # One base: one-line inputs hold one line, labels without a colon (common/forms.py).
    assert issubclass(form_class, PlatformForm)


@pytest.mark.django_db
def test_a_convening_title_posted_with_line_breaks_is_saved_on_one_line(staff_client):
    from django.urls import reverse

    from convenings.models import Convening
    from tests.factories import CountryFactory

    country = CountryFactory(code="TH")
    response = staff_client.post(
        reverse("convenings:staff-create"),
        {
            "create_key": "8c5b2a52-3f0e-4a4e-9a57-0b9f3c1d2e03",  # the form's one-time key
            "title_en": "Regional\r\nforum\u2028on care",
            "host_country": country.pk,
            "city": "Bangkok",
            "start_date": "2030-03-01",
            "end_date": "2030-03-02",
            "format": "in_person",
            "status": "open",
            "chatham_house": "on",
            "currency": "USD",
            "cost_travel": "0",
            "cost_venue": "0",
            "cost_interpretation": "0",
            "cost_other": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Convening.objects.get().title_en == "Regional forum on care"


def test_textareas_keep_their_lines():
    class Sample(SingleLineTextMixin, forms.Form):
        title = forms.CharField()
        notes = forms.CharField(widget=forms.Textarea)

    form = Sample({"title": " A\nB ", "notes": "one\ntwo"})
    assert form.is_valid()
    assert form.cleaned_data == {"title": "A B", "notes": "one\ntwo"}
    assert is_single_line(Sample.base_fields["title"])
    assert not is_single_line(Sample.base_fields["notes"])


def test_apps_are_found():
    assert set(PROJECT_APPS) >= {a.label for a in apps.get_app_configs() if a.label in PROJECT_APPS}
