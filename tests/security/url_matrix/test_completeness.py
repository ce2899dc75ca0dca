"""Every URL is in the matrix, the walk sees every app, no URL serves uploaded files directly,
and every portal row with arguments has a case for another convening's objects.
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver

from tests.security.url_matrix.matrix import MATRIX, url_patterns, walk_urls

pytestmark = pytest.mark.django_db


def test_every_url_is_in_the_matrix():
    patterns = url_patterns()
    unnamed = [route for route, name in patterns if name is None]
    assert not unnamed, f"URLs without a name cannot be in the matrix: {unnamed}"
    names = {name for _route, name in patterns}
    assert names - MATRIX.keys() == set(), "add these URLs to MATRIX"
    assert MATRIX.keys() - names == set(), "these MATRIX rows name no URL any more"


def test_the_walk_sees_the_skipped_prefixes_and_the_apps():
    # Guards the walk itself: if it stopped descending, the matrix test would pass empty.
    routes = [route for route, _name in walk_urls(get_resolver().url_patterns)]
    for prefix in ("accounts/", "admin/", "i18n/", "healthz/"):
        assert any(route.startswith(prefix) for route in routes), prefix
    assert len(url_patterns()) >= 80


def test_no_url_serves_uploaded_files_directly():
    # Briefing files, evidence and reports go through views that check permission.
    routes = [route for route, _name in walk_urls(get_resolver().url_patterns)]
    assert not [route for route in routes if route.startswith(("media/", "uploads/"))]


def test_every_url_with_arguments_has_a_case_for_objects_of_another_convening():
    # Portal rows about a convening's objects must include a B case (the 404 promise).
    for name, cases in MATRIX.items():
        if ":portal-" in name and any(c.kwargs for c in cases):
            assert any(c.expected["invited"] == 404 for c in cases), name
