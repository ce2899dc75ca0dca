"""Django's admin shows accounts to no one but platform admins."""

from __future__ import annotations

import pytest

from tests.security.world import ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("anonymous", "admin")])
def test_the_django_admin_shows_accounts_to_no_one_but_platform_admins(world, role):
    # Staff work in /staff/; accounts and roles are managed by platform admins only.
    response = world.client(role).get("/admin/accounts/user/")
    assert response.status_code in (302, 403)
    assert world.users["invited"].email not in response.content.decode()


def test_platform_admins_manage_accounts_in_the_django_admin(world):
    # The check above can fail: the same address does show the person to an admin.
    response = world.client("admin").get("/admin/accounts/user/")
    assert response.status_code == 200
    assert world.users["invited"].email in response.content.decode()
