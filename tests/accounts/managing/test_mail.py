"""The invitation sent again once per confirmation; account e-mails whose task was lost are
sent by beat; "my data" holds what was done to me.
"""

from __future__ import annotations

import uuid

import pytest

from accounts import managing, services
from accounts.models import AccountAction, AuditEntry
from participants import my_data
from tests import factories
from tests.accounts.managing.pages import action_url, new_key, role_url

pytestmark = pytest.mark.django_db


def test_the_invitation_is_sent_again_once_per_confirmation(post, mailoutbox):
    user = services.create_account(email="late@example.org", name="Late Person", language="id")
    data = {"key": new_key()}
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


def test_my_data_holds_what_was_done_to_me_not_what_i_did_nor_the_key(post, admin_user):
    user = factories.UserFactory(email="subject@example.org")
    participant = factories.ParticipantFactory(user=user, email=user.email)
    admin_as_participant = factories.ParticipantFactory(user=admin_user, email=admin_user.email)
    key = new_key()
    post(role_url(user), {"key": key, "role": "staff"})

    mine = my_data.personal_data_export(participant=participant)["records"]
    [row] = mine["accounts.accountaction"]
    assert row["kind"] == "role_changed"
    assert key not in str(mine)
    theirs = my_data.personal_data_export(participant=admin_as_participant)["records"]
    assert "accounts.accountaction" not in theirs


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
