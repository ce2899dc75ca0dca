"""The accounts list: role, state, last sign-in and two-factor of every account, participants
as staff see them, search and filter, erased accounts, pinned queries, e-mails not sent.
"""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from accounts import managing, services
from accounts.models import User
from participants.erasure import erase_person
from participants.models import Visibility
from tests import factories
from tests.accounts.managing.pages import (
    LIST,
    SECRET,
    action_url,
    new_key,
    row_of,
    signed_in,
)

pytestmark = pytest.mark.django_db


def test_the_list_shows_role_state_last_sign_in_and_two_factor(admin_client_, staff_user):
    import datetime as dt

    TOTP.activate(staff_user, SECRET)
    User.objects.filter(pk=staff_user.pk).update(
        last_login=dt.datetime(2026, 11, 2, 1, 30, tzinfo=dt.UTC), time_zone=""
    )
    gone = factories.UserFactory(email="gone@example.org", is_active=False)
    User.objects.filter(email="admin@example.org").update(time_zone="Asia/Bangkok")

    page = admin_client_.get(LIST).content.decode()

    row = row_of(page, "staff@example.org")
    assert "Secretariat staff" in row
    assert "Active" in row
    # 01:30 UTC read in the admin's zone (Bangkok, UTC+7).
    assert "2 Nov 2026 08:30" in row
    assert ">Set up<" in row
    gone_row = row_of(page, gone.email)
    assert "Deactivated" in gone_row
    assert "Never" in gone_row
    assert "Not set up" in gone_row
    assert action_url(gone, "reactivate") in gone_row
    assert action_url(gone, "deactivate") not in gone_row
    admin_row = row_of(page, "admin@example.org")
    assert "Platform admin" in admin_row


def test_participants_are_shown_as_staff_see_them_in_the_directory(admin_client_):
    user = factories.UserFactory(email="quiet@example.org", name="Account Name")
    factories.ParticipantFactory(
        user=user,
        email=user.email,
        full_name="Real Hidden Name",
        display_name="Shown Name",
        visibility=Visibility.HIDDEN,
    )
    page = admin_client_.get(LIST).content.decode()
    row = row_of(page, "quiet@example.org")
    # The directory's name and badge, linked to the directory's page of the person.
    assert "Real Hidden Name" in row
    assert ">Hidden<" in row
    assert reverse("participants:staff-detail", args=[user.participant.pk]) in row
    assert "Participant" in row


def test_search_by_name_or_email_and_filter_by_role(admin_client_, staff_user):
    factories.UserFactory(email="somchai@example.org", name="Somchai Prasert")
    factories.UserFactory(email="budi@example.org", name="Budi Santoso")

    page = admin_client_.get(LIST, {"q": "somchai"}).content.decode()
    assert "somchai@example.org" in page
    assert "budi@example.org" not in page
    page = admin_client_.get(LIST, {"q": "budi@ex"}).content.decode()
    assert "budi@example.org" in page
    assert "somchai@example.org" not in page

    page = admin_client_.get(LIST, {"role": "staff"}).content.decode()
    assert "staff@example.org" in page
    assert "budi@example.org" not in page
    assert "admin@example.org</span>" not in page
    page = admin_client_.get(LIST, {"role": "admin"}).content.decode()
    assert "admin@example.org</span>" in page
    assert "staff@example.org" not in page
    page = admin_client_.get(LIST, {"role": "participant"}).content.decode()
    assert "budi@example.org" in page
    assert "staff@example.org" not in page


def test_erased_accounts_are_neither_listed_nor_reachable(admin_client_, admin_user):
    participant = factories.ParticipantFactory(
        user=factories.UserFactory(email="erase.me@example.org"), email="erase.me@example.org"
    )
    erase_person(participant=participant, by=admin_user)
    user = User.objects.get(pk=participant.user_id)
    assert "Erased participant" not in admin_client_.get(LIST).content.decode()
    assert admin_client_.get(action_url(user, "reactivate")).status_code == 404
    response = admin_client_.post(action_url(user, "reactivate"), {"key": new_key()})
    assert response.status_code == 404
    assert not User.objects.get(pk=user.pk).is_active


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_makes_the_same_queries_for_1_and_3_accounts(
    admin_user, django_assert_num_queries, count
):
    # The admin is one account; the others are a participant, staff with TOTP, ...
    for i in range(count - 1):
        user = factories.UserFactory(email=f"person{i}@example.org")
        factories.ParticipantFactory(user=user, email=user.email)
        services.set_role(user=user, role="staff")
        TOTP.activate(user, SECRET)
    client = signed_in(admin_user)
    client.get(LIST)  # the first request stamps the idle-timeout clock in the session
    # The user, their participant record (session: cache), the admin's groups with their
    # TOTP (role check and the two-factor notice), the count for the paginator, one page
    # of accounts with their participant, role groups and TOTP.
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.content.decode().count("/role/") == count


def test_the_list_says_when_an_e_mail_about_the_account_could_not_be_sent(
    post, admin_client_, monkeypatch
):
    user = factories.UserFactory(email="unreachable@example.org")
    sent = factories.UserFactory(email="reachable@example.org")
    post(action_url(sent, "deactivate"))

    def refuse(*args, **kwargs):
        raise RuntimeError("mail server refused the address")

    monkeypatch.setattr(managing, "send_account_notice", refuse)
    with pytest.raises(RuntimeError):  # eager Celery raises what the task raised
        post(action_url(user, "deactivate"))
    page = admin_client_.get(LIST).content.decode()
    assert "An e-mail was not sent" in row_of(page, "unreachable@example.org")
    assert "An e-mail was not sent" not in row_of(page, "reachable@example.org")
