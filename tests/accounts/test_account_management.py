"""The admins' accounts page: the list, each action through the app (role change,
deactivate and reactivate, two-factor reset, invitation sent again), the guard that keeps
an active platform admin, double clicks, audit entries, e-mails in the person's language,
the two-factor notice on staff pages, and Django's admin for platform admins only."""

from __future__ import annotations

import uuid

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from accounts import managing, services
from accounts.models import AccountAction, AuditEntry, User
from participants import my_data
from participants.erasure import erase_person
from participants.models import Visibility
from tests import factories
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:account-list")
SECRET = "JBSWY3DPEHPK3PXP"


def role_url(user) -> str:
    return reverse("accounts:account-role", args=[user.pk])


def action_url(user, action: str) -> str:
    return reverse("accounts:account-action", args=[user.pk, action])


def _key() -> str:
    return str(uuid.uuid4())


def _row(page: str, email: str) -> str:
    """The table row of the account with this address."""
    [row] = [part.split("</tr>")[0] for part in page.split("<tr>") if f">{email}</span>" in part]
    return row


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def post(admin_client_, django_capture_on_commit_callbacks):
    """POST as the admin with the on-commit work (the e-mail task) run, as after a commit."""

    def do(url, data=None, client=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or admin_client_).post(url, data or {"key": _key()})

    return do


# --- The list --------------------------------------------------------------------------


def test_the_list_shows_role_state_last_sign_in_and_two_factor(admin_client_, staff_user):
    import datetime as dt

    TOTP.activate(staff_user, SECRET)
    User.objects.filter(pk=staff_user.pk).update(
        last_login=dt.datetime(2026, 11, 2, 1, 30, tzinfo=dt.UTC), time_zone=""
    )
    gone = factories.UserFactory(email="gone@example.org", is_active=False)
    User.objects.filter(email="admin@example.org").update(time_zone="Asia/Bangkok")

    page = admin_client_.get(LIST).content.decode()

    row = _row(page, "staff@example.org")
    assert "Secretariat staff" in row
    assert "Active" in row
    # 01:30 UTC read in the admin's zone (Bangkok, UTC+7).
    assert "2 Nov 2026 08:30" in row
    assert ">Set up<" in row
    gone_row = _row(page, gone.email)
    assert "Deactivated" in gone_row
    assert "Never" in gone_row
    assert "Not set up" in gone_row
    assert action_url(gone, "reactivate") in gone_row
    assert action_url(gone, "deactivate") not in gone_row
    admin_row = _row(page, "admin@example.org")
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
    row = _row(page, "quiet@example.org")
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
    response = admin_client_.post(action_url(user, "reactivate"), {"key": _key()})
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
    client = _client(admin_user)
    client.get(LIST)  # the first request stamps the idle-timeout clock in the session
    # The user, their participant record (session: cache), the admin's groups with their
    # TOTP (role check and the two-factor notice), the count for the paginator, one page
    # of accounts with their participant, role groups and TOTP.
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.content.decode().count("/role/") == count


# --- Who may ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["participant_client", "staff_client"])
def test_participants_and_staff_get_403_and_change_nothing(request, who):
    target = factories.UserFactory(email="target@example.org")
    client = request.getfixturevalue(who)
    assert client.get(LIST).status_code == 403
    assert client.get(role_url(target)).status_code == 403
    assert client.post(role_url(target), {"key": _key(), "role": "admin"}).status_code == 403
    assert client.post(action_url(target, "deactivate"), {"key": _key()}).status_code == 403
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
    response = client.post(action_url(target, "deactivate"), {"key": _key()})
    assert response.status_code == 302
    assert User.objects.get(pk=target.pk).is_active


def test_an_unknown_account_or_action_is_not_found(admin_client_, staff_user):
    assert admin_client_.get(reverse("accounts:account-role", args=[999999])).status_code == 404
    assert admin_client_.get(action_url(staff_user, "delete")).status_code == 404


# --- Role change ---------------------------------------------------------------------------


def test_a_role_change_through_the_app_applies_on_the_persons_next_request(
    post, admin_user, mailoutbox
):
    user = factories.UserFactory(email="new.staff@example.org", language="th")
    person = _client(user)
    assert person.get("/staff/").status_code == 403

    response = post(role_url(user), {"key": _key(), "role": "staff"})
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
    post(role_url(user), {"key": _key(), "role": "participant"})
    assert person.get("/staff/").status_code == 403


def test_the_same_confirmation_posted_twice_changes_and_mails_once(post, mailoutbox):
    user = factories.UserFactory()
    data = {"key": _key(), "role": "admin"}
    post(role_url(user), data)
    response = post(role_url(user), data)
    assert response.status_code == 302
    assert AccountAction.objects.filter(user=user).count() == 1
    assert AuditEntry.objects.filter(action="user.role_changed").count() == 1
    assert len(mailoutbox) == 1
    # A fresh confirmation page asking for the role the account already has: nothing to do.
    post(role_url(user), {"key": _key(), "role": "admin"})
    assert AccountAction.objects.filter(user=user).count() == 1
    assert len(mailoutbox) == 1


def test_a_superuser_made_staff_stops_being_an_admin(post, admin_user):
    boss = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    post(role_url(boss), {"key": _key(), "role": "staff"})
    boss.refresh_from_db()
    assert not boss.is_superuser
    assert _client(boss).get("/staff/audit/").status_code == 403
    assert _client(boss).get("/staff/").status_code == 200


# --- The last admin ------------------------------------------------------------------------


def test_the_last_active_admin_cannot_demote_or_deactivate_themselves(post, admin_user):
    for url, data in (
        (role_url(admin_user), {"key": _key(), "role": "staff"}),
        (action_url(admin_user, "deactivate"), {"key": _key()}),
    ):
        response = post(url, data)
        assert response.status_code == 200
        assert "last active platform admin" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active
    assert _client(admin_user).get("/staff/audit/").status_code == 200
    assert not AccountAction.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="user.").exists()


def test_with_another_active_admin_an_admin_may_step_down(post, admin_user):
    other = factories.UserFactory(email="second.admin@example.org")
    services.set_role(user=other, role="admin")
    response = post(role_url(admin_user), {"key": _key(), "role": "staff"})
    assert response.status_code == 302
    assert _client(admin_user).get("/staff/audit/").status_code == 403
    # Now `other` is the last one: nobody can remove them, not even from their own page.
    response = post(role_url(other), {"key": _key(), "role": "staff"}, client=_client(other))
    assert "last active platform admin" in response.content.decode()


def test_a_deactivated_admin_does_not_count_as_the_admin_left(admin_user):
    other = factories.UserFactory(email="sleeping.admin@example.org", is_active=False)
    services.set_role(user=other, role="admin")
    with pytest.raises(managing.AccountActionError):
        managing.change_role(user=admin_user, role="participant", by=admin_user, key=uuid.uuid4())


# --- Deactivate and reactivate -----------------------------------------------------------


def test_deactivate_signs_the_person_out_and_reactivate_lets_them_sign_in_again(
    post, admin_user, mailoutbox
):
    user = factories.UserFactory(email="leaver@example.org", language="id")
    participant = factories.ParticipantFactory(user=user, email=user.email, preferred_language="id")
    person = _client(user)
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


# --- Two-factor reset --------------------------------------------------------------------


def test_a_two_factor_reset_through_the_app_is_felt_at_the_next_request_and_sign_in(
    post, admin_user, settings, mailoutbox
):
    settings.REQUIRE_STAFF_MFA = True
    TOTP.activate(admin_user, SECRET)
    user = factories.UserFactory(email="lost.phone@example.org", language="th")
    services.set_role(user=user, role="staff")
    TOTP.activate(user, SECRET)
    person = _client(user)
    assert person.get("/staff/").status_code == 200

    response = post(action_url(user, "reset-two-factor"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user).exists()

    # Their next request: staff must set up an authenticator again before anything else.
    response = person.get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # Their next sign-in asks for no code any more (it would have before).
    fresh = Client()
    response = fresh.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "/2fa/authenticate/" not in response.get("Location", "")
    assert fresh.session[SESSION_KEY] == str(user.pk)
    assert fresh.get("/staff/")["Location"] == reverse("mfa_activate_totp")

    entry = AuditEntry.objects.get(action="user.two_factor_reset")
    assert entry.changes == {"authenticators": [["totp"], []]}
    [message] = mailoutbox
    assert message.subject == (
        "การยืนยันตัวตนสองขั้นตอนของคุณบนแพลตฟอร์มการเรียนรู้ระหว่างเพื่อนในภูมิภาคถูกรีเซ็ตแล้ว"
    )


def test_a_totp_sign_in_is_asked_before_the_reset(staff_user):
    # The check above can fail: with TOTP, the password alone does not sign in.
    TOTP.activate(staff_user, SECRET)
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": staff_user.email, "password": PASSWORD}
    )
    assert "/2fa/authenticate/" in response["Location"]
    assert SESSION_KEY not in client.session


def test_resetting_twice_or_without_two_factor_changes_nothing(post, staff_user, mailoutbox):
    TOTP.activate(staff_user, SECRET)
    data = {"key": _key()}
    post(action_url(staff_user, "reset-two-factor"), data)
    post(action_url(staff_user, "reset-two-factor"), data)
    post(action_url(staff_user, "reset-two-factor"))
    assert AccountAction.objects.filter(user=staff_user).count() == 1
    assert len(mailoutbox) == 1


def test_an_admin_resets_their_own_two_factor_on_allauths_page_not_here(post, admin_user):
    TOTP.activate(admin_user, SECRET)
    response = post(action_url(admin_user, "reset-two-factor"))
    assert response.status_code == 200
    assert "your account&#x27;s security page" in response.content.decode()
    assert Authenticator.objects.filter(user=admin_user).exists()


# --- Invitation sent again ---------------------------------------------------------------


def test_the_invitation_is_sent_again_once_per_confirmation(post, mailoutbox):
    user = services.create_account(email="late@example.org", name="Late Person", language="id")
    data = {"key": _key()}
    post(action_url(user, "resend-invitation"), data)
    post(action_url(user, "resend-invitation"), data)
    [message] = mailoutbox
    assert message.to == ["late@example.org"]
    assert "/accounts/password/reset/key/" in message.body
    assert message.subject == "Akun Anda di Platform Pembelajaran Sejawat Regional"
    assert AuditEntry.objects.filter(action="user.invitation_resent").count() == 1
    # A new confirmation page is a new send.
    post(action_url(user, "resend-invitation"))
    assert len(mailoutbox) == 2


def test_no_invitation_to_a_deactivated_account(post, mailoutbox):
    user = factories.UserFactory(is_active=False)
    response = post(action_url(user, "resend-invitation"))
    assert response.status_code == 200
    assert "reactivate it" in response.content.decode()
    assert mailoutbox == []


# --- The notice about one's own two-factor -------------------------------------------------


NOTICE = "Your two-factor authentication is not set up yet."


@pytest.mark.parametrize("who", ["staff_client", "admin_client_"])
def test_staff_without_two_factor_see_the_notice_with_the_link(request, who):
    page = request.getfixturevalue(who).get("/staff/").content.decode()
    assert NOTICE in page
    assert f'href="{reverse("mfa_activate_totp")}"' in page


def test_the_notice_goes_once_two_factor_is_set_up(staff_client, staff_user):
    TOTP.activate(staff_user, SECRET)
    assert NOTICE not in staff_client.get("/staff/").content.decode()


def test_participants_are_not_told_to_set_up_two_factor(participant_client):
    assert NOTICE not in participant_client.get("/portal/").content.decode()


def test_the_notice_costs_no_query_for_staff(staff_client, staff_user, django_assert_num_queries):
    # The roles query carries the TOTP answer: the same number of queries with and without.
    staff_client.get("/staff/my-time-zone/")
    with django_assert_num_queries(3):
        without = staff_client.get("/staff/my-time-zone/")
    TOTP.activate(staff_user, SECRET)
    with django_assert_num_queries(3):
        with_totp = staff_client.get("/staff/my-time-zone/")
    assert NOTICE in without.content.decode()
    assert NOTICE not in with_totp.content.decode()


# --- The menu and Django's admin --------------------------------------------------------


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
    assert _client(boss).get("/admin/outcomes/frameworkcommitment/").status_code == 200


# --- "My data" ---------------------------------------------------------------------------


def test_my_data_holds_what_was_done_to_me_not_what_i_did_nor_the_key(post, admin_user):

    user = factories.UserFactory(email="subject@example.org")
    participant = factories.ParticipantFactory(user=user, email=user.email)
    admin_as_participant = factories.ParticipantFactory(user=admin_user, email=admin_user.email)
    key = _key()
    post(role_url(user), {"key": key, "role": "staff"})

    mine = my_data.personal_data_export(participant=participant)["records"]
    [row] = mine["accounts.accountaction"]
    assert row["kind"] == "role_changed"
    assert key not in str(mine)
    theirs = my_data.personal_data_export(participant=admin_as_participant)["records"]
    assert "accounts.accountaction" not in theirs


# --- E-mails whose task was lost ---------------------------------------------------------


def test_beat_sends_account_mail_whose_task_was_lost(admin_user, mailoutbox, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    from accounts import tasks

    # Redis is away when the actions commit: their tasks are lost.
    monkeypatch.setattr(tasks.send_account_notice, "delay_on_commit", lambda **kwargs: None)
    monkeypatch.setattr(tasks.send_account_invitation, "delay_on_commit", lambda **kwargs: None)
    lost, fresh, stale = (factories.UserFactory() for _ in range(3))
    invited = services.create_account(email="waiting@example.org", language="ms")
    for user in (lost, fresh, stale):
        managing.deactivate_account(user=user, by=admin_user, key=uuid.uuid4())
    managing.resend_invitation(user=invited, by=admin_user, key=uuid.uuid4())
    monkeypatch.undo()
    now = timezone.now()
    ages = {
        lost.pk: managing.UNSENT_AFTER + dt.timedelta(minutes=1),
        fresh.pk: dt.timedelta(minutes=1),  # its task may still be waiting in the queue
        stale.pk: managing.RESEND_WITHIN + dt.timedelta(hours=1),  # for an admin to look at
        invited.pk: dt.timedelta(hours=1),
    }
    for pk, age in ages.items():
        AccountAction.objects.filter(user_id=pk).update(at=now - age)
    assert mailoutbox == []

    assert tasks.requeue_unsent_account_mail.delay().get() == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([lost.email, "waiting@example.org"])
    # The next run finds nothing: both are recorded as sent.
    assert tasks.requeue_unsent_account_mail.delay().get() == 0
    assert len(mailoutbox) == 2


def test_the_audit_log_names_the_roles(post, admin_client_):
    user = factories.UserFactory(email="promoted@example.org")
    post(role_url(user), {"key": _key(), "role": "staff"})
    page = admin_client_.get(reverse("accounts:audit-log")).content.decode()
    assert "Participant → Secretariat staff" in page
    assert "Role changed" in page


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
    assert "An e-mail was not sent" in _row(page, "unreachable@example.org")
    assert "An e-mail was not sent" not in _row(page, "reachable@example.org")
