"""Writes: the same guard answers a POST to every staff address and to another convening's
portal addresses.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security.url_matrix.matrix import MATRIX, Case, ask, resolve_kwargs

pytestmark = pytest.mark.django_db


# Addresses for staff or admins only, and the status each role without the right gets.
REFUSED_POST = {"anonymous": 302, "other_user": 403, "outsider": 403, "invited": 403}


def _staff_only(name: str) -> bool:
    first = MATRIX[name][0]
    return all(first.expected[role] == status for role, status in REFUSED_POST.items())


@pytest.mark.parametrize("name", sorted(n for n in MATRIX if _staff_only(n)))
def test_a_post_to_a_staff_address_is_refused_to_every_role_without_it(world, name):
    # The per-app tests once posted to each staff action as each role; one walk over
    # the matrix does it for every address, including ones added later.
    c = MATRIX[name][0]
    url = reverse(name, kwargs=resolve_kwargs(world, c.kwargs))
    post = Case(kwargs=c.kwargs, expected=c.expected, method="POST", data={"confirm": "1"})
    problems = []
    for role, expected in REFUSED_POST.items():
        response = ask(world, role, url, post)
        if response.status_code != expected:
            problems.append(f"POST {url} as {role}: {response.status_code} != {expected}")
        elif role == "anonymous" and not response["Location"].startswith(reverse("account_login")):
            problems.append(f"POST {url} as anonymous: redirected to {response['Location']}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "name",
    sorted(
        n
        for n, cases in MATRIX.items()
        if ":portal-" in n and any(c.kwargs and c.expected["invited"] == 404 for c in cases)
    ),
)
def test_a_post_to_another_convenings_portal_address_is_404(world, name):
    c = next(c for c in MATRIX[name] if c.kwargs and c.expected["invited"] == 404)
    url = reverse(name, kwargs=resolve_kwargs(world, c.kwargs))
    post = Case(kwargs=c.kwargs, expected=c.expected, method="POST", data={})
    assert ask(world, "invited", url, post).status_code in (404, 405)
