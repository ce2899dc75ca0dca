"""Deactivating signs the person out; reactivating lets them sign in again."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import AccountAction, AuditEntry, User
from tests import factories
from tests.accounts.managing.pages import action_url, signed_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_deactivate_signs_the_person_out_and_reactivate_lets_them_sign_in_again(
    post, admin_user, mailoutbox
):
    user = factories.UserFactory(email="leaver@example.org", language="id")
    participant = factories.ParticipantFactory(user=user, email=user.email, preferred_language="id")
    person = signed_in(user)
    assert person.get("/portal/").status_code == 200
    session_key = person.session.session_key

    response = post(action_url(user, "deactivate"))
    assert response.status_code == 302
    response = person.get("/portal/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    # The session itself is ended, in the database and the cache: reactivating the account
    # does not bring it back.
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    fresh = Client()
    refused = fresh.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert SESSION_KEY not in fresh.session
    assert refused.status_code in (200, 302)
    participant.refresh_from_db()
    assert participant.is_active  # the directory record stays as it was

    post(action_url(user, "reactivate"))
    assert person.get("/portal/").status_code == 302  # the old session stays ended
    again = Client()
    again.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert again.session[SESSION_KEY] == str(user.pk)
    assert again.get("/portal/").status_code == 200

    assert list(
        AuditEntry.objects.filter(object_id=str(user.pk))
        .order_by("id")
        .values_list("action", "changes")
    ) == [
        ("user.deactivated", {"is_active": [True, False]}),
        ("user.reactivated", {"is_active": [False, True]}),
    ]
    # Both e-mails in Indonesian, the person's language.
    assert [m.subject for m in mailoutbox] == [
        "Akun Anda di Platform Pembelajaran Sejawat Regional telah dinonaktifkan",
        "Akun Anda di Platform Pembelajaran Sejawat Regional aktif kembali",
    ]


def test_deactivating_twice_is_harmless(post, mailoutbox):
    user = factories.UserFactory()
    post(action_url(user, "deactivate"))
    response = post(action_url(user, "deactivate"))
    assert response.status_code == 302
    assert AccountAction.objects.filter(user=user).count() == 1
    assert len(mailoutbox) == 1


def test_an_admin_may_deactivate_another_admin_while_one_stays(post, admin_user):
    other = factories.UserFactory(email="other.admin@example.org")
    services.set_role(user=other, role="admin")
    post(action_url(other, "deactivate"))
    assert not User.objects.get(pk=other.pk).is_active
    # The remaining admin is now the last one.
    response = post(action_url(admin_user, "deactivate"))
    assert "last active platform admin" in response.content.decode()
