"""Reminders go out once: per press of the button, and per person within the interval.

Three presses of "Send a reminder" (a double click, a resubmit, another tab shown at the
same time, a colleague) send each person one reminder; staff can remind again on purpose.
Concurrent presses on PostgreSQL with a real worker are in tests/convenings/test_integration.py.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from convenings import services
from convenings.models import Invitation, ReminderBatch
from tests import factories

from .factories import open_convening


def _key(html: str) -> str:
    return re.search(r'name="send_key" value="([0-9a-f-]{36})"', html).group(1)


@pytest.fixture
def waiting():
    convening = open_convening()
    return [factories.InvitationFactory(convening=convening) for _ in range(2)]


def _remind(client, invitations, *, key, again=False, capture):
    # As the confirmation step posts it (the first form's POST only shows the preview).
    data = {"invitations": [i.pk for i in invitations], "send_key": key, "confirm": "1"}
    if again:
        data["again"] = "on"
    with capture(execute=True):
        return client.post(
            reverse("convenings:staff-remind", args=[invitations[0].convening_id]),
            data,
            follow=True,
        )


def _reminders_per_person(mailoutbox) -> Counter:
    return Counter(m.to[0] for m in mailoutbox)


def test_the_invitations_page_draws_a_new_send_key_each_time_and_offers_remind_again(
    staff_client, waiting
):
    url = reverse("convenings:staff-invitations", args=[waiting[0].convening_id])
    pages = [staff_client.get(url).content.decode() for _ in range(2)]
    assert _key(pages[0]) != _key(pages[1])
    assert "Remind again even if reminded recently" in pages[0]
    assert "Without it, anyone reminded in the last 24 hours is skipped." in pages[0]
    assert "data-send-once" in pages[0]


def test_three_clicks_of_the_same_form_send_one_reminder_each(
    staff_client, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("convenings:staff-invitations", args=[waiting[0].convening_id])
    key = _key(staff_client.get(url).content.decode())
    answers = [
        _remind(staff_client, waiting, key=key, capture=django_capture_on_commit_callbacks)
        for _ in range(3)
    ]
    assert _reminders_per_person(mailoutbox) == {i.participant.email: 1 for i in waiting}
    assert ReminderBatch.objects.count() == 1
    # Every click lands on the invitations page; the repeats say nothing went out again.
    assert all(a.redirect_chain == [(url, 302)] for a in answers)
    assert "Reminders are on their way to 2 people." in answers[0].content.decode()
    for answer in answers[1:]:
        assert "already sent at" in answer.content.decode()
        assert "nothing was sent again" in answer.content.decode()


def test_three_clicks_from_freshly_shown_pages_still_send_one_reminder_each(
    staff_client, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    answers = [
        _remind(
            staff_client, waiting, key=str(uuid.uuid4()), capture=django_capture_on_commit_callbacks
        )
        for _ in range(3)
    ]
    assert _reminders_per_person(mailoutbox) == {i.participant.email: 1 for i in waiting}
    assert (
        "2 people were reminded recently and were not reminded again; to remind them anyway, "
        "tick the box to remind again." in answers[2].content.decode()
    )


def test_a_reminder_requested_but_not_yet_sent_counts_as_recent(staff_user, waiting, mailoutbox):
    # The task has not run (its message waits in the queue): a second request skips them.
    first = services.send_reply_reminders(
        convening=waiting[0].convening, invitations=waiting, by=staff_user
    )
    second = services.send_reply_reminders(
        convening=waiting[0].convening, invitations=waiting, by=staff_user
    )
    assert len(first.reminded) == 2
    assert (second.reminded, second.skipped_recent) == ([], 2)


def test_remind_again_sends_again_on_purpose(
    staff_client, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _remind(staff_client, waiting, key=str(uuid.uuid4()), capture=capture)
    answer = _remind(staff_client, waiting, key=str(uuid.uuid4()), again=True, capture=capture)
    assert _reminders_per_person(mailoutbox) == {i.participant.email: 2 for i in waiting}
    assert "Reminders are on their way to 2 people." in answer.content.decode()
    # The same "remind again" form posted twice is still one more reminder, not two.
    key = str(uuid.uuid4())
    _remind(staff_client, waiting, key=key, again=True, capture=capture)
    _remind(staff_client, waiting, key=key, again=True, capture=capture)
    assert _reminders_per_person(mailoutbox) == {i.participant.email: 3 for i in waiting}


def test_after_the_interval_people_are_reminded_without_asking(
    staff_client, waiting, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.REMINDER_MIN_INTERVAL_HOURS = 6
    long_ago = timezone.now() - dt.timedelta(hours=7)
    lately = timezone.now() - dt.timedelta(hours=5)
    Invitation.objects.filter(pk=waiting[0].pk).update(reminded_at=long_ago)
    # Reminded by the follow-up schedule, which sets reminded_at too.
    Invitation.objects.filter(pk=waiting[1].pk).update(reminded_at=lately)
    _remind(
        staff_client, waiting, key=str(uuid.uuid4()), capture=django_capture_on_commit_callbacks
    )
    assert _reminders_per_person(mailoutbox) == {waiting[0].participant.email: 1}


def test_a_reminder_post_without_its_send_key_sends_nothing(
    staff_client, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    answer = _remind(staff_client, waiting, key="", capture=django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert not ReminderBatch.objects.exists()
    assert "This page is out of date: reload it and send again." in answer.content.decode()


def test_a_used_key_returns_the_first_batch(staff_user, waiting):
    key = uuid.uuid4()
    convening = waiting[0].convening
    first = services.send_reply_reminders(
        convening=convening, invitations=waiting, by=staff_user, send_key=key
    )
    again = services.send_reply_reminders(
        convening=convening, invitations=waiting, by=staff_user, send_key=key, again=True
    )
    assert (again.batch, again.reminded, again.repeated) == (first.batch, [], True)
    assert (first.batch.reminded, first.batch.skipped_recent) == (2, 0)


def test_reminders_go_only_to_the_picked_invitees_who_have_not_replied(
    staff_user, convening, mailoutbox, django_capture_on_commit_callbacks
):
    waiting, picked_but_replied, not_picked = (
        factories.InvitationFactory(convening=convening),
        factories.InvitationFactory(convening=convening, status="accepted"),
        factories.InvitationFactory(convening=convening),
    )
    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.send_reply_reminders(
            convening=convening, invitations=[waiting, picked_but_replied], by=staff_user
        )
    assert reminded.reminded == [waiting]
    assert [m.to for m in mailoutbox] == [[waiting.participant.email]]
    waiting.refresh_from_db()
    not_picked.refresh_from_db()
    assert waiting.reminded_at is not None
    assert not_picked.reminded_at is None


def test_a_reminder_delivered_twice_is_sent_once(
    staff_user, convening, mailoutbox, django_capture_on_commit_callbacks
):
    from convenings.tasks import send_reply_reminder

    waiting = factories.InvitationFactory(convening=convening)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reply_reminders(convening=convening, invitations=[waiting], by=staff_user)
    requested_at = AuditEntry.objects.get(action="invitation.reminded").changes[
        "reminder_requested_at"
    ][1]
    send_reply_reminder.delay(invitation_id=waiting.pk, requested_at=requested_at)
    assert len(mailoutbox) == 1
    # A later request that asks to remind again is a new reminder.
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reply_reminders(
            convening=convening, invitations=[waiting], by=staff_user, again=True
        )
    assert len(mailoutbox) == 2


def test_reminding_someone_withdrawn_meanwhile_says_so_and_sends_nothing(
    staff_client, staff_user, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    # The page was shown with both ticked; another tab withdrew one invitation since.
    from convenings.withdrawal import withdraw_invitation

    withdraw_invitation(invitation=waiting[1], notify=False, by=staff_user)
    response = _remind(
        staff_client, waiting, key=str(uuid.uuid4()), capture=django_capture_on_commit_callbacks
    )
    assert "no longer invited" in response.content.decode()
    assert mailoutbox == []
    assert not ReminderBatch.objects.exists()
