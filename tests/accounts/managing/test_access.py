"""Who may use the accounts page and Django's admin: admins only; the admins' menu links both."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AccountAction, User
from tests import factories
from tests.accounts.managing.pages import LIST, action_url, new_key, role_url, signed_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["participant_client", "staff_client"])
def test_participants_and_staff_get_403_and_change_nothing(request, who):
    target = factories.UserFactory(email="target@example.org")
    client = request.getfixturevalue(who)
    assert client.get(LIST).status_code == 403
    assert client.get(role_url(target)).status_code == 403
    assert client.post(role_url(target), {"key": new_key(), "role": "admin"}).status_code == 403
    assert client.post(action_url(target, "deactivate"), {"key": new_key()}).status_code == 403
    target.refresh_from_db()
    assert target.is_active
    assert not target.groups.exists()
    assert not AccountAction.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client):
    target = factories.UserFactory()
    for url in (LIST, role_url(target), action_url(target, "deactivate")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    response = client.post(action_url(target, "deactivate"), {"key": new_key()})
    assert response.status_code == 302
    assert User.objects.get(pk=target.pk).is_active


def test_an_unknown_account_or_action_is_not_found(admin_client_, staff_user):
    assert admin_client_.get(reverse("accounts:account-role", args=[999999])).status_code == 404
    assert admin_client_.get(action_url(staff_user, "delete")).status_code == 404


def test_the_admins_menu_links_the_accounts_page_and_djangos_admin(admin_client_, staff_client):
    nav = admin_client_.get("/staff/").content.decode().split("</nav>")[0]
    assert f'href="{LIST}"' in nav
    assert 'href="/admin/"' in nav
    nav = staff_client.get("/staff/").content.decode().split("</nav>")[0]
    assert f'href="{LIST}"' not in nav
    assert 'href="/admin/"' not in nav


@pytest.mark.parametrize("path", ["/admin/", "/admin/outcomes/frameworkcommitment/"])
def test_staff_who_are_not_admins_cannot_reach_djangos_admin(staff_client, path):
    response = staff_client.get(path, follow=True)
    assert response.status_code == 403
    # Not even an older staff account that still carries Django's is_staff flag.
    user = User.objects.get(email="staff@example.org")
    User.objects.filter(pk=user.pk).update(is_staff=True)
    assert staff_client.get(path, follow=True).status_code == 403


def test_platform_admins_and_superusers_reach_djangos_admin(admin_client_):
    assert admin_client_.get("/admin/").status_code == 200
    boss = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    assert signed_in(boss).get("/admin/outcomes/frameworkcommitment/").status_code == 200
