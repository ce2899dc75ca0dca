"""convenings.services.notices: the invitation e-mail, in the invitee's language, sent once and
only after commit, and re-queued by beat when its task was lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from convenings import services
from convenings.models import Invitation
from convenings.tasks import send_invitation
from tests import factories

from .factories import open_convening

pytestmark = pytest.mark.django_db


def test_invitation_email_is_in_the_invitees_language_and_sent_once(
    staff_user, convening, mailoutbox, django_capture_on_commit_callbacks
):
    convening.title_th = "การประชุมที่กรุงเทพฯ"
    convening.save()
    thai = factories.ParticipantFactory(preferred_language="th")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        [invitation] = services.invite_participants(
            convening=convening, participants=[thai], by=staff_user
        )
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "คำเชิญ: การประชุมที่กรุงเทพฯ"
    assert "กฎแชตัมเฮาส์" in mailoutbox[0].body
    # A second delivery of the same task finds the invitation claimed and sends nothing.
    send_invitation.delay(invitation_id=invitation.pk)
    assert len(mailoutbox) == 1
    invitation.refresh_from_db()
    assert invitation.invitation_sent_at is not None


def test_no_email_before_the_transaction_commits(
    staff_user, convening, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.invite_participants(
            convening=convening, participants=[factories.ParticipantFactory()], by=staff_user
        )
    assert len(callbacks) == 1
    assert mailoutbox == []


def test_beat_sends_invitation_emails_whose_task_was_lost(staff_user, convening, mailoutbox):
    from convenings.tasks import requeue_unsent_invitations

    now = timezone.now()
    lost, fresh, stale, sent = (factories.InvitationFactory(convening=convening) for _ in range(4))
    ages = {
        lost.pk: services.UNSENT_AFTER + dt.timedelta(minutes=1),
        fresh.pk: dt.timedelta(minutes=1),  # its task may still be waiting in the queue
        stale.pk: services.RESEND_WITHIN + dt.timedelta(hours=1),  # for staff to look at
        sent.pk: dt.timedelta(hours=1),
    }
    for pk, age in ages.items():
        Invitation.objects.filter(pk=pk).update(invited_at=now - age)
    Invitation.objects.filter(pk=sent.pk).update(invitation_sent_at=now)
    cancelled = factories.InvitationFactory(convening=open_convening(status="cancelled"))
    Invitation.objects.filter(pk=cancelled.pk).update(invited_at=now - dt.timedelta(hours=1))

    assert requeue_unsent_invitations.delay().get() == 1
    assert [m.to for m in mailoutbox] == [[lost.participant.email]]
    # The next run finds nothing: the e-mail is recorded as sent.
    assert requeue_unsent_invitations.delay().get() == 0
