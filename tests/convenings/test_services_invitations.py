"""convenings.services.invitations: inviting, replies (needs, the Chatham House Rule) and attendance."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import AuditEntry
from convenings import services
from convenings.models import Invitation
from tests import factories

from .factories import open_convening, past_convening

pytestmark = pytest.mark.django_db


def test_invite_participants_skips_people_already_invited(
    staff_user, convening, mailoutbox, django_capture_on_commit_callbacks
):
    people = factories.ParticipantFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.invite_participants(
            convening=convening, participants=people[:2], by=staff_user
        )
    with django_capture_on_commit_callbacks(execute=True):
        second = services.invite_participants(
            convening=convening, participants=people, by=staff_user
        )
    assert len(first) == 2
    assert [i.participant for i in second] == [people[2]]
    assert Invitation.objects.filter(convening=convening).count() == 3
    assert AuditEntry.objects.filter(action="invitation.created").count() == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)


def test_reply_stores_the_needs_and_the_chatham_house_acceptance(invitation, participant_user):
    before = timezone.now()
    services.reply_to_invitation(
        invitation=invitation,
        accept=True,
        interpretation_language="th",
        access_needs="Step-free access",
        dietary_needs="Vegetarian",
        travel_support=True,
        priorities="Case management",
        accepted_chatham_house=True,
        by=participant_user,
    )
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert invitation.interpretation_language == "th"
    assert invitation.access_needs == "Step-free access"
    assert invitation.dietary_needs == "Vegetarian"
    assert invitation.travel_support is True
    assert invitation.priorities == "Case management"
    assert invitation.chatham_house_accepted_at >= before
    assert (
        AuditEntry.objects.filter(action="invitation.replied", actor=participant_user).count() == 1
    )


def test_accepting_under_the_chatham_house_rule_requires_agreeing(invitation):
    with pytest.raises(ValidationError) as exc:
        services.reply_to_invitation(invitation=invitation, accept=True)
    assert "accepted_chatham_house" in exc.value.message_dict
    invitation.refresh_from_db()
    assert invitation.status == "invited"
    assert invitation.chatham_house_accepted_at is None


def test_declining_needs_no_chatham_house_agreement_and_clears_needs(invitation):
    services.reply_to_invitation(
        invitation=invitation, accept=False, interpretation_language="th", access_needs="x"
    )
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert invitation.interpretation_language == ""
    assert invitation.access_needs == ""
    assert invitation.chatham_house_accepted_at is None


def test_interpretation_must_be_offered_at_the_convening(invitation):
    with pytest.raises(ValidationError) as exc:
        services.reply_to_invitation(
            invitation=invitation,
            accept=True,
            interpretation_language="ms",
            accepted_chatham_house=True,
        )
    assert "interpretation_language" in exc.value.message_dict


def test_a_held_convening_takes_no_replies(participant):
    invitation = factories.InvitationFactory(convening=past_convening(), participant=participant)
    with pytest.raises(ValidationError):
        services.reply_to_invitation(invitation=invitation, accept=False)


def test_attendance_only_after_the_start_and_audited(staff_user):
    upcoming = open_convening()
    early = factories.InvitationFactory(convening=upcoming, status="accepted")
    with pytest.raises(ValidationError):
        services.record_attendance(convening=upcoming, attended=[early], by=staff_user)
    held = past_convening()
    came, absent = factories.InvitationFactory.create_batch(2, convening=held, status="accepted")
    changed = services.record_attendance(
        convening=held, attended=[came], no_show=[absent, early], by=staff_user
    )
    assert changed == 2  # `early` belongs to another convening
    came.refresh_from_db()
    absent.refresh_from_db()
    early.refresh_from_db()
    assert (came.status, absent.status, early.status) == ("attended", "no_show", "accepted")
    assert AuditEntry.objects.filter(action="invitation.attendance").count() == 2
