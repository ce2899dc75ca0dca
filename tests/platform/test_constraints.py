"""Every model constraint a form can hit answers a translated message, beside its field."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from platform_site.constraints import FieldCheckConstraint
from tests import factories

PROJECT_APPS = {"accounts", "participants", "convenings", "briefings", "engagement", "outcomes"}
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def project_constraints() -> list[tuple[type[models.Model], models.BaseConstraint]]:
    found = []
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS:
            found += [(model, constraint) for constraint in model._meta.constraints]
    return found


def constraint_id(item) -> str:
    return f"{item[0]._meta.label}.{item[1].name}"


def test_the_project_has_constraints_to_check():
    names = {constraint.name for _model, constraint in project_constraints()}
    assert {"convening_ends_after_start", "organisation_unique_name_country"} <= names


@pytest.mark.parametrize("item", project_constraints(), ids=constraint_id)
def test_every_constraint_has_its_own_translated_message_and_code(item):
    _model, constraint = item
    message = constraint.violation_error_message
    assert isinstance(message, Promise), "use gettext_lazy, so the message follows the reader"
    assert str(message) != str(constraint.default_violation_error_message)
    assert constraint.violation_error_code == constraint.name
    with translation.override("en"):
        english = str(message)
    for language in OTHER_LANGUAGES:
        with translation.override(language):
            assert str(message) != english, f"not translated into {language}"


@pytest.mark.parametrize("item", project_constraints(), ids=constraint_id)
def test_every_check_says_which_field_its_message_belongs_to(item):
    model, constraint = item
    if isinstance(constraint, models.CheckConstraint):
        assert isinstance(constraint, FieldCheckConstraint)
        if constraint.field is not None:
            model._meta.get_field(constraint.field)
            assert constraint.field in str(constraint.condition)


# One violating form per check constraint: (model, form fields, data, field with the error).
def _check_cases():
    return {
        "convening_ends_after_start": (
            "convenings.Convening",
            {"start_date": "2030-03-02", "end_date": "2030-03-01"},
            "end_date",
        ),
        "session_ends_after_start": (
            "convenings.AgendaSession",
            {"starts_at": "2030-03-01T10:00", "ends_at": "2030-03-01T09:00"},
            "ends_at",
        ),
        "followupaction_one_owner": (
            "engagement.FollowUpAction",
            {"owner": lambda: factories.ParticipantFactory().pk, "owned_by_secretariat": "on"},
            "owner",
        ),
        # The field's own validators answer first (the constraint guards the database).
        "rating_usefulness_1_to_5": ("engagement.SessionRating", {"usefulness": "9"}, "usefulness"),
        "outcome_country_xor_regional": (
            "outcomes.Outcome",
            {"is_regional": "on", "country": lambda: factories.CountryFactory().pk},
            "country",
        ),
        # Branch logistics: travel and per-person costs.
        "invitation_departs_after_arrival": (
            "convenings.Invitation",
            {"arrival_at": "2030-03-02T10:00", "departure_at": "2030-03-01T10:00"},
            "departure_at",
        ),
        "invitation_support_amount_not_negative": (
            "convenings.Invitation",
            {"support_amount": "-1"},
            "support_amount",
        ),
        "invitation_accommodation_amount_not_negative": (
            "convenings.Invitation",
            {"accommodation_amount": "-1"},
            "accommodation_amount",
        ),
        "report_period_ordered": (
            "outcomes.StoredReport",
            {"start_year": "2024", "end_year": "2020"},
            "end_year",
        ),
    }


# Checks whose field validators refuse the value before the constraint is reached.
FIELD_VALIDATED = {
    "rating_usefulness_1_to_5",
    "invitation_support_amount_not_negative",
    "invitation_accommodation_amount_not_negative",
}


def test_every_check_constraint_has_a_form_case():
    checks = {c.name for _m, c in project_constraints() if isinstance(c, models.CheckConstraint)}
    assert checks == set(_check_cases())


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(_check_cases()))
@pytest.mark.parametrize("language", ["en", *OTHER_LANGUAGES])
def test_a_form_that_breaks_a_check_shows_its_message_beside_the_field(name, language):
    label, data, field = _check_cases()[name]
    model = apps.get_model(label)
    data = {key: value() if callable(value) else value for key, value in data.items()}
    fields = list(data)
    if label == "outcomes.Outcome":
        fields = ["is_regional", "country"]
    form_class = modelform_factory(model, fields=fields)
    constraint = next(c for c in model._meta.constraints if c.name == name)
    with translation.override(language):
        form = form_class(data)
        assert not form.is_valid()
        if name in FIELD_VALIDATED:
            assert len(form.errors[field]) == 1
        else:
            assert form.errors[field] == [str(constraint.violation_error_message)]
        assert form.non_field_errors() == []
        assert "is violated" not in str(form.errors)


@pytest.mark.django_db
def test_a_unique_constraint_answers_its_message_in_the_form():
    from participants.models import Organisation

    organisation = factories.OrganisationFactory(name="Sang Fah")
    form_class = modelform_factory(Organisation, fields=["name", "country"])
    with translation.override("th"):
        form = form_class({"name": "Sang Fah", "country": organisation.country.pk})
        assert not form.is_valid()
        assert form.non_field_errors() == [
            str(Organisation._meta.constraints[0].violation_error_message)
        ]


@pytest.mark.django_db
def test_the_convening_form_shows_the_dates_message_beside_the_end_date(staff_client, staff_user):
    staff_user.language = "th"
    staff_user.save()
    country = factories.CountryFactory(code="TH")
    response = staff_client.post(
        reverse("convenings:staff-create"),
        {
            "create_key": "8c5b2a52-3f0e-4a4e-9a57-0b9f3c1d2e02",  # the form's one-time key
            "title_en": "Forum",
            "host_country": country.pk,
            "city": "Bangkok",
            "start_date": "2030-03-02",
            "end_date": "2030-03-01",
            "format": "in_person",
            "status": "open",
            "currency": "USD",
            "cost_travel": "0",
            "cost_venue": "0",
            "cost_interpretation": "0",
            "cost_other": "0",
        },
    )
    html = response.content.decode()
    with translation.override("th"):
        message = translation.gettext("The convening cannot end before it starts.")
    assert message != "The convening cannot end before it starts."
    assert 'aria-describedby="id_end_date_error"' in html
    errors = re.search(r'id="id_end_date_error"[^>]*>(.*?)</', html, re.S)
    assert errors is not None
    assert message in errors.group(1)
    assert "is violated" not in html
    assert html.count(message) == 1
