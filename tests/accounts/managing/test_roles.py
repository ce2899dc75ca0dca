"""Role changes through the app, once per confirmation, and the guard that keeps an active
platform admin; the audit log names the roles.
"""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from accounts import managing, services
from accounts.models import AccountAction, AuditEntry, User
from tests import factories
from tests.accounts.managing.pages import LIST, action_url, new_key, role_url, signed_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_role_change_through_the_app_applies_on_the_persons_next_request(
    post, admin_user, mailoutbox
):
    user = factories.UserFactory(email="new.staff@example.org", language="th")
    person = signed_in(user)
    assert person.get("/staff/").status_code == 403

    response = post(role_url(user), {"key": new_key(), "role": "staff"})
    assert response.status_code == 302
    assert response["Location"] == LIST

    assert person.get("/staff/").status_code == 200
    assert person.get("/staff/audit/").status_code == 403
    entry = AuditEntry.objects.get(action="user.role_changed")
    assert (entry.actor, entry.object_id, entry.changes) == (
        admin_user,
        str(user.pk),
        {"role": ["participant", "staff"]},
    )
    [message] = mailoutbox
    assert message.to == ["new.staff@example.org"]
    # The person's language (Thai), not the admin's.
    assert message.subject == "บทบาทของคุณบนแพลตฟอร์มการเรียนรู้ระหว่างเพื่อนในภูมิภาคเปลี่ยนไปแล้ว"
    assert "เจ้าหน้าที่สำนักเลขาธิการ" in message.body

    # Back to participant: staff pages are gone on the next request.
    post(role_url(user), {"key": new_key(), "role": "participant"})
    assert person.get("/staff/").status_code == 403


def test_the_same_confirmation_posted_twice_changes_and_mails_once(post, mailoutbox):
    user = factories.UserFactory()
    data = {"key": new_key(), "role": "admin"}
    post(role_url(user), data)
    response = post(role_url(user), data)
    assert response.status_code == 302
    assert AccountAction.objects.filter(user=user).count() == 1
    assert AuditEntry.objects.filter(action="user.role_changed").count() == 1
    assert len(mailoutbox) == 1
    # A fresh confirmation page asking for the role the account already has: nothing to do.
    post(role_url(user), {"key": new_key(), "role": "admin"})
    assert AccountAction.objects.filter(user=user).count() == 1
    assert len(mailoutbox) == 1


def test_a_superuser_made_staff_stops_being_an_admin(post, admin_user):
    boss = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    post(role_url(boss), {"key": new_key(), "role": "staff"})
    boss.refresh_from_db()
    assert not boss.is_superuser
    assert signed_in(boss).get("/staff/audit/").status_code == 403
    assert signed_in(boss).get("/staff/").status_code == 200


def test_the_last_active_admin_cannot_demote_or_deactivate_themselves(post, admin_user):
    for url, data in (
        (role_url(admin_user), {"key": new_key(), "role": "staff"}),
        (action_url(admin_user, "deactivate"), {"key": new_key()}),
    ):
        response = post(url, data)
        assert response.status_code == 200
        assert "last active platform admin" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active
    assert signed_in(admin_user).get("/staff/audit/").status_code == 200
    assert not AccountAction.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="user.").exists()


def test_with_another_active_admin_an_admin_may_step_down(post, admin_user):
    other = factories.UserFactory(email="second.admin@example.org")
    services.set_role(user=other, role="admin")
    response = post(role_url(admin_user), {"key": new_key(), "role": "staff"})
    assert response.status_code == 302
    assert signed_in(admin_user).get("/staff/audit/").status_code == 403
    # Now `other` is the last one: nobody can remove them, not even from their own page.
    response = post(role_url(other), {"key": new_key(), "role": "staff"}, client=signed_in(other))
    assert "last active platform admin" in response.content.decode()


def test_a_deactivated_admin_does_not_count_as_the_admin_left(admin_user):
    other = factories.UserFactory(email="sleeping.admin@example.org", is_active=False)
    services.set_role(user=other, role="admin")
    with pytest.raises(managing.AccountActionError):
        managing.change_role(user=admin_user, role="participant", by=admin_user, key=uuid.uuid4())


def test_the_audit_log_names_the_roles(post, admin_client_):
    user = factories.UserFactory(email="promoted@example.org")
    post(role_url(user), {"key": new_key(), "role": "staff"})
    page = admin_client_.get(reverse("accounts:audit-log")).content.decode()
    assert "Participant → Secretariat staff" in page
    assert "Role changed" in page
