"""The visa pages' rows of the URL matrix, checked here until the merge moves them into
tests/security/test_url_matrix.py (which this branch may not edit): each role's answer,
and 404 for objects of another convening or that do not exist."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security.test_url_matrix import (
    PORTAL_A,
    PORTAL_B,
    STAFF,
    _missing_object_expectations,
    _request,
    _resolve_kwargs,
    case,
)
from tests.security.world import ROLES, build_world

pytestmark = pytest.mark.django_db

# A GET of the letter's address goes back to the person's visa page.
STAFF_REDIRECTS = {**STAFF, "staff": 302, "admin": 302}

VISA_MATRIX = {
    "convenings:portal-visa": [case(PORTAL_A, pk="conv_a"), case(PORTAL_B, pk="conv_b")],
    "convenings:portal-visa-letter": [
        case(PORTAL_A, pk="conv_a", letter_id="letter_a"),
        case(PORTAL_B, pk="conv_b", letter_id="letter_b"),
        # B's letter asked for through A, the invited person's own convening.
        case({**PORTAL_A, "invited": 404}, pk="conv_a", letter_id="letter_b"),
    ],
    "convenings:staff-visa": [case(STAFF, pk="conv_b")],
    "convenings:staff-visa-person": [case(STAFF, pk="conv_b", invitation_id="invitation_b")],
    "convenings:staff-visa-letter-new": [
        case(STAFF_REDIRECTS, pk="conv_b", invitation_id="invitation_b")
    ],
    "convenings:staff-visa-letter": [case(STAFF, pk="conv_b", letter_id="letter_b")],
    "convenings:staff-visa-letter-text": [case(STAFF)],
}


@pytest.fixture
def world():
    return build_world()


@pytest.mark.parametrize("name", sorted(VISA_MATRIX))
def test_visa_url_answers_each_role(world, name):
    problems = []
    for c in VISA_MATRIX[name]:
        url = reverse(name, kwargs=_resolve_kwargs(world, c.kwargs))
        for role in ROLES:
            status = _request(world, role, url, c).status_code
            if status != c.expected[role]:
                problems.append(f"{url} as {role}: {status} != {c.expected[role]}")
        if c.kwargs:
            kwargs = {
                key: 999999 if isinstance(value, str) and value in world.objects else value
                for key, value in c.kwargs.items()
            }
            missing = reverse(name, kwargs=kwargs)
            expected = _missing_object_expectations(c.expected)
            for role in ROLES:
                status = _request(world, role, missing, c).status_code
                if status != expected[role]:
                    problems.append(f"{missing} as {role}: {status} != {expected[role]}")
    assert not problems, "\n".join(problems)
