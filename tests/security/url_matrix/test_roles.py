"""Each URL answers each role as the matrix says, and a missing object answers 404 only to
those who may see such objects at all.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security.url_matrix.matrix import MATRIX, ask, resolve_kwargs
from tests.security.world import ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role_as_the_matrix_says(world, name):
    problems = []
    for c in MATRIX[name]:
        url = reverse(name, kwargs=resolve_kwargs(world, c.kwargs))
        for role in ROLES:
            response = ask(world, role, url, c)
            expected = c.expected[role]
            if response.status_code != expected:
                problems.append(f"{c.method} {url} as {role}: {response.status_code} != {expected}")
            elif (
                role == "anonymous"
                and expected == 302
                and not response["Location"].startswith(reverse("account_login"))
            ):
                problems.append(f"{url} as anonymous: redirected to {response['Location']}")
    problems += _missing_object_problems(world, name)
    assert not problems, "\n".join(problems)


def _missing_object_problems(world, name: str) -> list[str]:
    """The same address with every object id replaced by one that does not exist."""
    c = next((c for c in MATRIX[name] if c.kwargs), None)
    if c is None:
        return []
    kwargs = {
        key: 999999 if isinstance(value, str) and value in world.objects else value
        for key, value in c.kwargs.items()
    }
    url = reverse(name, kwargs=kwargs)
    expected = _missing_object_expectations(c.expected)
    return [
        f"{c.method} {url} (missing object) as {role}: {status} != {expected[role]}"
        for role in ROLES
        for status in [ask(world, role, url, c).status_code]
        if status != expected[role]
    ]


def _missing_object_expectations(expected: dict) -> dict:
    """What each role gets when the object does not exist: the guard answers first (sign
    in, 403) and a GET of a POST-only address is 405 before any lookup, so only those who
    may see such objects at all learn that this one is missing."""
    return {
        role: status if role == "anonymous" or status in (403, 405) else 404
        for role, status in expected.items()
    }
