"""Menu links name their URL plainly: a renamed URL fails the page instead of dropping the
item without a word."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from tests.security.test_csp_and_templates import template_files

GUARDED = re.compile(r"\{% url [^%]* as (\w+) %\}\s*\{% if \1 %\}")


def test_no_template_hides_a_link_whose_url_is_gone():
    offenders = [p.name for p in template_files() if GUARDED.search(p.read_text())]
    assert offenders == []


def test_a_menu_link_to_a_renamed_url_fails_loudly():
    request = RequestFactory().get("/staff/")
    with pytest.raises(NoReverseMatch):
        Template("{% load nav %}{% aria_current 'convenings:renamed-list' %}").render(
            Context({"request": request})
        )


@pytest.mark.django_db
def test_the_menu_marks_the_section_of_the_page(staff_client):
    convenings = reverse("convenings:staff-list")
    html = staff_client.get(reverse("convenings:staff-create")).content.decode()
    assert f'<a href="{convenings}" aria-current="page">Convenings</a>' in html
    assert html.count('aria-current="page"') == 1
    dashboard = reverse("convenings:staff-dashboard")
    html = staff_client.get(dashboard).content.decode()
    assert f'<a href="{dashboard}" aria-current="page">Dashboard</a>' in html
    assert html.count('aria-current="page"') == 1


@pytest.mark.django_db
def test_the_portal_menu_marks_my_page(participant_client):
    actions = reverse("engagement:portal-actions")
    html = participant_client.get(actions).content.decode()
    assert f'<a href="{actions}" aria-current="page">My actions</a>' in html
