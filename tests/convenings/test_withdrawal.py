"""Withdrawing an invitation: a confirmed, audited, idempotent action with an optional
notice in the person's language; the invitation counts nowhere until it is restored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import AuditEntry
from briefings.selectors import pack_recipients
from convenings import selectors, services
from convenings.models import ConveningNotice, Invitation, InvitationStatus
from convenings.selectors import figures_for_period
from convenings.withdrawal import restore_invitation, withdraw_invitation
from engagement.selectors import attendee_invitations
from outcomes.models import ReportStatus
from tests import factories
from tests.convenings.factories import open_convening, past_convening
from tests.outcomes.factories import StoredReportFactory

pytestmark = pytest.mark.django_db


def _withdraw_url(invitation):
    return reverse(
        "convenings:staff-invitation-withdraw", args=[invitation.convening_id, invitation.pk]
    )


def _restore_url(invitation):
    return reverse(
        "convenings:staff-invitation-restore", args=[invitation.convening_id, invitation.pk]
    )


def test_withdraw_asks_first_then_withdraws_tells_the_person_in_their_language_and_audits(
    staff_client, staff_user, django_capture_on_commit_callbacks
):
    convening = open_convening(title_th="การประชุมระดับภูมิภาค")
    invitation = factories.InvitationFactory(
        convening=convening,
        participant__preferred_language="th",
        status=InvitationStatus.ACCEPTED,
        dietary_needs="Vegetarian",
    )
    page = staff_client.get(_withdraw_url(invitation))
    assert page.status_code == 200
    assert "Withdraw the invitation" in page.content.decode()
    assert Invitation.objects.filter(pk=invitation.pk).exists()  # a GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_withdraw_url(invitation), {"notify": "1"})
    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    kept = Invitation.all_objects.get(pk=invitation.pk)
    assert kept.withdrawn_by == staff_user
    # Reply and needs stay for the record.
    assert (kept.status, kept.dietary_needs) == (InvitationStatus.ACCEPTED, "Vegetarian")
    entry = AuditEntry.objects.get(action="invitation.withdrawn")
    assert (entry.actor, entry.object_id) == (staff_user, str(invitation.pk))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [invitation.participant.email]
    assert "การประชุมระดับภูมิภาค" in message.subject
    assert "Invitation withdrawn" not in message.subject  # Thai, not English
    assert not message.attachments  # no calendar: the convening itself goes ahead

    # The staff page lists it apart, with "Invite again".
    page = staff_client.get(reverse("convenings:staff-invitations", args=[convening.pk]))
    html = page.content.decode()
    assert "Withdrawn invitations" in html
    assert _restore_url(invitation) in html


def test_a_second_withdraw_post_answers_the_same_and_sends_nothing_more(
    staff_client, django_capture_on_commit_callbacks
):
    invitation = factories.InvitationFactory(convening=open_convening())
    with django_capture_on_commit_callbacks(execute=True):
        first = staff_client.post(_withdraw_url(invitation), {"notify": "1"})
        second = staff_client.post(_withdraw_url(invitation), {"notify": "1"})
    assert (first.status_code, first.url) == (second.status_code, second.url)
    assert AuditEntry.objects.filter(action="invitation.withdrawn").count() == 1
    assert len(mail.outbox) == 1


def test_withdraw_without_notice_sends_nothing(staff_client, django_capture_on_commit_callbacks):
    invitation = factories.InvitationFactory(convening=open_convening())
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(_withdraw_url(invitation))
    assert mail.outbox == []
    assert not ConveningNotice.objects.exists()


def test_restore_counts_it_again_with_its_reply_and_is_audited(staff_client, staff_user):
    convening = open_convening()
    invitation = factories.InvitationFactory(convening=convening, status=InvitationStatus.ACCEPTED)
    withdraw_invitation(invitation=invitation, notify=False, by=staff_user)
    assert selectors.convening_with_counts_or_404(convening_id=convening.pk).accepted_count == 0

    response = staff_client.post(_restore_url(invitation))
    assert response.status_code == 302
    assert staff_client.post(_restore_url(invitation)).status_code == 302  # idempotent
    counted = selectors.convening_with_counts_or_404(convening_id=convening.pk)
    assert (counted.invited_count, counted.accepted_count) == (1, 1)
    assert AuditEntry.objects.filter(action="invitation.restored").count() == 1


def test_withdrawn_again_after_a_restore_is_told_again(
    staff_user, django_capture_on_commit_callbacks
):
    invitation = factories.InvitationFactory(convening=open_convening())
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_invitation(invitation=invitation, notify=True, by=staff_user)
    restore_invitation(invitation=invitation, by=staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_invitation(invitation=invitation, notify=True, by=staff_user)
    assert len(mail.outbox) == 2


def test_restored_before_the_notice_went_out_sends_nothing(
    staff_user, django_capture_on_commit_callbacks
):
    invitation = factories.InvitationFactory(convening=open_convening())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        withdraw_invitation(invitation=invitation, notify=True, by=staff_user)
    restore_invitation(invitation=invitation, by=staff_user)
    for callback in queued:
        callback()
    assert mail.outbox == []
    assert ConveningNotice.objects.get().superseded


def test_withdrawn_invitations_count_nowhere(staff_user, participant):
    """Every surface that counts or addresses invitees leaves a withdrawn one out."""
    convening = open_convening()
    kept = factories.InvitationFactory(convening=convening, status=InvitationStatus.ACCEPTED)
    gone = factories.InvitationFactory(
        convening=convening,
        participant=participant,
        status=InvitationStatus.ACCEPTED,
        interpretation_language="th",
    )
    waiting = factories.InvitationFactory(convening=convening)
    withdraw_invitation(invitation=gone, notify=False, by=staff_user)
    withdraw_invitation(invitation=waiting, notify=False, by=staff_user)

    counted = selectors.convening_with_counts_or_404(convening_id=convening.pk)
    assert (counted.invited_count, counted.accepted_count, counted.no_reply_count) == (1, 1, 0)
    assert list(selectors.invitations_for_staff(convening=convening)) == [kept]
    assert list(selectors.not_replied(convening=convening)) == []
    assert selectors.invitation_balance(convening=convening).total == 1
    assert selectors.interpretation_headcount(convening=convening).get("th", 0) == 0
    assert list(pack_recipients(convening=convening)) == [kept.participant]
    assert list(selectors.convenings_for_participant(participant=participant)) == []
    # Reminders skip them.
    reminded = services.send_reply_reminders(
        convening=convening, invitations=[waiting], send_key=None, by=staff_user
    )
    assert reminded.batch.reminded == 0


def test_withdrawn_invitations_leave_attendance_and_report_figures(staff_user):
    convening = past_convening(start_date=dt.date(2023, 3, 1), end_date=dt.date(2023, 3, 2))
    kept = factories.InvitationFactory(convening=convening, status=InvitationStatus.ATTENDED)
    gone = factories.InvitationFactory(convening=convening, status=InvitationStatus.ATTENDED)
    report = StoredReportFactory(status=ReportStatus.DONE, start_year=2023, end_year=2023)
    withdraw_invitation(invitation=gone, notify=False, by=staff_user)

    assert list(attendee_invitations(convening=convening)) == [kept]
    figures = {
        f.key: f.value
        for f in figures_for_period(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    }
    assert figures["participants"] == 1
    assert figures["places"] == 1
    report.refresh_from_db()
    assert report.outdated_at is not None


def test_a_participant_whose_invitation_is_withdrawn_no_longer_sees_the_convening(
    staff_user, participant, participant_client
):
    convening = open_convening()
    invitation = factories.InvitationFactory(convening=convening, participant=participant)
    detail = reverse("convenings:portal-detail", args=[convening.pk])
    assert participant_client.get(detail).status_code == 200
    withdraw_invitation(invitation=invitation, notify=False, by=staff_user)
    assert participant_client.get(detail).status_code == 404
    assert (
        convening.title
        not in participant_client.get(reverse("convenings:portal-home")).content.decode()
    )


def test_withdraw_pages_are_for_staff_only(client, participant_client, other_user):
    invitation = factories.InvitationFactory(convening=open_convening())
    url = _withdraw_url(invitation)
    assert client.get(url).status_code == 302  # to sign in
    assert client.post(url).status_code == 302
    assert participant_client.post(url).status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_another_convenings_invitation_is_not_found(staff_client):
    invitation = factories.InvitationFactory(convening=open_convening())
    other = open_convening()
    url = reverse("convenings:staff-invitation-withdraw", args=[other.pk, invitation.pk])
    assert staff_client.post(url).status_code == 404


def test_inviting_a_withdrawn_person_again_restores_their_invitation(staff_user):
    convening = open_convening()
    invitation = factories.InvitationFactory(
        convening=convening, status=InvitationStatus.DECLINED, access_needs="Ramp"
    )
    withdraw_invitation(invitation=invitation, notify=False, by=staff_user)
    candidates = selectors.directory_candidates(convening=convening)
    assert not candidates.get(pk=invitation.participant_id).already_invited

    result = services.invite_participants(
        convening=convening, participants=[invitation.participant], by=staff_user
    )
    assert [i.pk for i in result] == [invitation.pk]
    assert Invitation.all_objects.filter(convening=convening).count() == 1
    restored = Invitation.objects.get(pk=invitation.pk)
    assert (restored.status, restored.access_needs) == (InvitationStatus.DECLINED, "Ramp")
    assert AuditEntry.objects.filter(action="invitation.restored").count() == 1


def test_the_follow_up_schedule_leaves_withdrawn_invitees_out(
    staff_user, django_capture_on_commit_callbacks
):
    from engagement import followups
    from engagement.models import NotesStatus
    from tests.engagement.factories import MeetingNoteFactory
    from tests.engagement.factories import past_convening as ended_convening

    upcoming = factories.ConveningFactory(start_date=dt.date.today() + dt.timedelta(days=14))
    ended = ended_convening(days_ago=3)
    MeetingNoteFactory(convening=ended, status=NotesStatus.PUBLISHED, key_points_en="Done.")

    def invite(convening, email, **kwargs):
        return factories.InvitationFactory(convening=convening, participant__email=email, **kwargs)

    invite(upcoming, "waiting@example.org")
    invite(ended, "attended@example.org", status=InvitationStatus.ATTENDED)
    for invitation in (
        invite(upcoming, "waiting-withdrawn@example.org"),
        invite(ended, "attended-withdrawn@example.org", status=InvitationStatus.ATTENDED),
    ):
        withdraw_invitation(invitation=invitation, notify=False, by=staff_user)

    with django_capture_on_commit_callbacks(execute=True):
        followups.run_schedule()
    # The reply reminder and the follow-up after the convening reach only current invitees.
    assert sorted(m.to[0] for m in mail.outbox) == ["attended@example.org", "waiting@example.org"]


def test_a_withdrawn_invitation_is_in_the_persons_data_export_and_erased_with_them(
    staff_user, admin_user, participant, participant_client
):
    import json

    from participants.erasure import erase_person

    invitation = factories.InvitationFactory(
        convening=open_convening(title="Withdrawn Convening"),
        participant=participant,
        access_needs="A ramp for Siriporn",
    )
    withdraw_invitation(invitation=invitation, notify=False, by=staff_user)

    data = json.loads(participant_client.get(reverse("accounts:portal-my-data")).content)
    [exported] = data["records"]["convenings.invitation"]
    assert exported["access_needs"] == "A ramp for Siriporn"

    erase_person(participant=participant, by=admin_user)
    assert Invitation.all_objects.get(pk=invitation.pk).access_needs == ""


def test_an_invitation_or_reminder_still_queued_when_withdrawn_does_not_go_out(staff_user):
    from django.utils import timezone

    from convenings.tasks import send_invitation, send_reply_reminder

    invitation = factories.InvitationFactory(convening=open_convening())
    withdraw_invitation(invitation=invitation, notify=False, by=staff_user)
    send_invitation.apply(kwargs={"invitation_id": invitation.pk})
    send_reply_reminder.apply(
        kwargs={"invitation_id": invitation.pk, "requested_at": timezone.now().isoformat()}
    )
    assert mail.outbox == []
    assert Invitation.all_objects.get(pk=invitation.pk).invitation_sent_at is None
