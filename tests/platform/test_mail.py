"""E-mail built from content: subjects stay one header line whatever a title holds, and a
send that fails is shown to staff where they started it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.mail import BadHeaderError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from common.mail import MAX_SUBJECT_CHARS, header_safe
from convenings import services as convening_services
from convenings.models import Invitation
from engagement import followups
from engagement.models import FollowUpMessage, MessageStatus, NotesStatus
from participants import services as participant_services
from tests import factories
from tests.convenings.factories import open_convening
from tests.engagement.factories import MeetingNoteFactory, past_convening

pytestmark = pytest.mark.django_db

# A title as it arrived from a pasted document: every kind of line break, a tab, a NUL.
BROKEN_TITLE = "Regional\r\nforum\non\u2028care\x85reform\x00\tBangkok"
ONE_LINE = "Regional forum on care reform Bangkok"
# What can be stored: PostgreSQL refuses NUL in text (and Django's form fields refuse it
# before it gets there), so the titles saved below carry every other break. With NUL the
# fixtures failed whenever the session ran on PostgreSQL (any `integration` test in it).
STORED_TITLE = BROKEN_TITLE.replace("\x00", "")


def test_header_safe_joins_lines_drops_controls_and_bounds_the_length():
    assert header_safe(BROKEN_TITLE) == ONE_LINE
    assert len(header_safe("x" * 1000)) == MAX_SUBJECT_CHARS
    assert header_safe("  Briefing pack:\n\n Forum ") == "Briefing pack: Forum"


@pytest.fixture
def invited(staff_user, django_capture_on_commit_callbacks):
    convening = open_convening(title=STORED_TITLE)
    person = factories.ParticipantFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        convening_services.invite_participants(
            convening=convening, participants=[person], by=staff_user
        )
    return Invitation.objects.get(convening=convening, participant=person)


def test_an_invitation_to_a_convening_with_a_broken_title_is_sent(invited, mailoutbox):
    (message,) = mailoutbox
    assert message.subject == f"Invitation: {ONE_LINE}"
    message.message()  # the headers are valid: this raised BadHeaderError before
    invited.refresh_from_db()
    assert invited.invitation_sent_at is not None
    assert invited.email_failed_at is None


def test_a_reminder_about_a_broken_title_is_sent(
    invited, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        convening_services.send_reply_reminders(
            convening=invited.convening, invitations=[invited], by=staff_user
        )
    assert mailoutbox[-1].subject == f"Reminder: please reply to the invitation to {ONE_LINE}"
    mailoutbox[-1].message()


def test_a_follow_up_about_a_broken_title_is_sent(mailoutbox, django_capture_on_commit_callbacks):
    convening = past_convening(days_ago=3, title=STORED_TITLE)
    MeetingNoteFactory(convening=convening, status=NotesStatus.PUBLISHED)
    factories.InvitationFactory(
        convening=convening,
        participant=factories.ParticipantFactory(preferred_language="en"),
        status="attended",
    )
    with django_capture_on_commit_callbacks(execute=True):
        followups.run_schedule()
    sent = [m for m in mailoutbox if ONE_LINE in m.subject]
    assert [m.subject for m in sent] == [
        f"After {ONE_LINE}: notes, your actions and a short feedback form"
    ]
    sent[0].message()
    assert FollowUpMessage.objects.get().status == MessageStatus.SENT


def test_a_failed_invitation_e_mail_is_shown_on_the_invitation_list(
    staff_user, staff_client, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise BadHeaderError("Header values can't contain newlines")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    convening = open_convening(title="Forum")
    person = factories.ParticipantFactory(full_name="Somchai Example")
    with pytest.raises(BadHeaderError), django_capture_on_commit_callbacks(execute=True):
        convening_services.invite_participants(
            convening=convening, participants=[person], by=staff_user
        )
    invitation = Invitation.objects.get(convening=convening)
    assert invitation.invitation_sent_at is None
    assert invitation.email_error == "BadHeaderError: Header values can't contain newlines"

    page = staff_client.get(reverse("convenings:staff-invitations", args=[convening.pk]))
    html = page.content.decode()
    assert "Not sent" in html
    assert "BadHeaderError: Header values can&#x27;t contain newlines" in html

    # Once an e-mail goes out, the failure is no longer shown.
    monkeypatch.undo()
    from convenings.tasks import send_invitation

    send_invitation.delay(invitation_id=invitation.pk)
    invitation.refresh_from_db()
    assert (invitation.email_failed_at, invitation.email_error) == (None, "")
    html = staff_client.get(
        reverse("convenings:staff-invitations", args=[convening.pk])
    ).content.decode()
    assert "Not sent" not in html
    assert f"Invitation sent {timezone.localtime(invitation.invitation_sent_at):%-d %b %Y}" in html


def test_a_failed_reminder_is_shown_on_the_invitation_list(
    invited, staff_user, staff_client, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise BadHeaderError("refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(BadHeaderError), django_capture_on_commit_callbacks(execute=True):
        convening_services.send_reply_reminders(
            convening=invited.convening, invitations=[invited], by=staff_user
        )
    invited.refresh_from_db()
    assert invited.reminded_at is None
    html = staff_client.get(
        reverse("convenings:staff-invitations", args=[invited.convening_id])
    ).content.decode()
    assert "Not sent" in html
    assert "BadHeaderError: refused" in html


def test_a_failed_account_invitation_is_shown_on_the_participant_page(
    staff_user, staff_client, monkeypatch, django_capture_on_commit_callbacks
):

    def refuse(*args, **kwargs):
        raise BadHeaderError("refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    person = factories.ParticipantFactory(full_name="Budi Example")
    with pytest.raises(BadHeaderError), django_capture_on_commit_callbacks(execute=True):
        participant_services.create_account_for(participant=person, by=staff_user)
    user = User.objects.get(email=person.email)
    assert user.invitation_sent_at is None
    assert user.invitation_error == "BadHeaderError: refused"
    html = staff_client.get(reverse("participants:staff-detail", args=[person.pk])).content.decode()
    assert "Invitation e-mail not sent" in html
    assert "BadHeaderError: refused" in html


def test_every_failed_invitation_is_flagged(staff_client):
    convening = open_convening(title="Forum")
    for _ in range(3):
        factories.InvitationFactory(
            convening=convening, email_failed_at=timezone.now() - dt.timedelta(hours=1)
        )
    url = reverse("convenings:staff-invitations", args=[convening.pk])
    first = staff_client.get(url)
    assert first.content.decode().count("Not sent") == 3


def test_every_module_that_sends_mail_composes_it_with_common_mail():
    # compose() makes every subject header-safe; a new sender must use it too.
    import re
    from pathlib import Path

    from django.conf import settings

    senders = []
    for app in ("accounts", "participants", "convenings", "briefings", "engagement", "outcomes"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            source = path.read_text()
            if re.search(
                r"\b(send_mail|EmailMessage|EmailMultiAlternatives|mail_admins)\(|\.message\(\s*to=",
                source,
            ):
                senders.append(path.relative_to(settings.BASE_DIR).as_posix())
                assert re.search(r"\bcompose\(", source), path
    assert sorted(senders) == [
        "accounts/adapters.py",  # allauth's e-mails
        "accounts/managing.py",  # notices of the accounts page
        "accounts/services.py",
        "briefings/mail.py",
        "convenings/adhoc.py",
        "convenings/services/notices.py",
        "engagement/followups.py",
        "outcomes/harvest_mail.py",  # harvest invitations and review notes
        "outcomes/substantiation.py",  # substantiation requests and their reminder
    ]
