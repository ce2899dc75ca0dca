"""The on-site pages (branch onsite) against every role, in the URL matrix's own terms.

These rows belong in tests/security/test_url_matrix.py's MATRIX (being split by another
branch, so they wait here until the merge moves them); the test runs them through the same
request and missing-object checks meanwhile."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security.test_url_matrix import (
    PORTAL_A,
    PORTAL_B,
    STAFF,
    STAFF_POST_ONLY,
    _expect,
    _request,
    _resolve_kwargs,
    case,
)
from tests.security.world import ROLES, build_world

pytestmark = pytest.mark.django_db

ONSITE_MATRIX = {
    "convenings:staff-checkin": [case(STAFF, pk="conv_b")],
    "convenings:staff-checkin-counts": [case(STAFF, pk="conv_b")],
    "convenings:staff-checkin-person": [case(STAFF, pk="conv_b", invitation_id="invitation_b")],
    "convenings:staff-checkin-new-code": [
        case(STAFF_POST_ONLY, pk="conv_b", invitation_id="invitation_b")
    ],
    # A code nobody was issued: staff get the refusal page (404), others never see it.
    "convenings:staff-checkin-scan": [
        case(
            _expect(anonymous=302, other_user=403, outsider=403, invited=403, staff=404, admin=404),
            token="no-such-code",
        )
    ],
    "convenings:staff-printables": [case(STAFF, pk="conv_b")],
    "convenings:staff-printable": [case(STAFF, pk="conv_b", kind="participant-list")],
    "convenings:portal-checkin-code": [case(PORTAL_A, pk="conv_a"), case(PORTAL_B, pk="conv_b")],
}


@pytest.fixture
def world():
    return build_world()


@pytest.mark.parametrize("name", sorted(ONSITE_MATRIX))
def test_onsite_url_answers_each_role_as_the_matrix_says(world, name):
    problems = []
    for c in ONSITE_MATRIX[name]:
        url = reverse(name, kwargs=_resolve_kwargs(world, c.kwargs))
        for role in ROLES:
            status = _request(world, role, url, c).status_code
            if status != c.expected[role]:
                problems.append(f"{c.method} {url} as {role}: {status} != {c.expected[role]}")
        # POST-only addresses answer a GET with 405 before looking anything up.
        if c.expected["staff"] != 405 and any(k in ("pk", "invitation_id") for k in c.kwargs):
            missing = {
                k: 999999 if k in ("pk", "invitation_id") else v for k, v in c.kwargs.items()
            }
            url = reverse(name, kwargs=missing)
            for role in ("staff", "admin") if ":staff-" in name else ("invited", "outsider"):
                status = _request(world, role, url, c).status_code
                if status != 404:
                    problems.append(f"{url} (missing object) as {role}: {status} != 404")
    assert not problems, "\n".join(problems)
