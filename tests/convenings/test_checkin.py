"""On-site check-in: badge codes, checking in once, refusals, the desk and scan pages, and
the attended figures the check-in feeds (convenings/checkin.py, views/onsite.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from convenings import checkin, services
from convenings.models import BadgeCode, CheckIn, ConveningStatus, Invitation, InvitationStatus
from convenings.qr import scan_url
from convenings.selectors import cost_summary
from convenings.withdrawal import withdraw_invitation
from participants.models import Visibility
from tests import factories

pytestmark = pytest.mark.django_db


def running_convening(**kwargs):
    """A convening that started yesterday and ends tomorrow (at the venue)."""
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    defaults = {
        "status": ConveningStatus.OPEN,
        "start_date": today - dt.timedelta(days=1),
        "end_date": today + dt.timedelta(days=1),
        "time_zone": "Asia/Bangkok",
    }
    defaults.update(kwargs)
    return factories.ConveningFactory(**defaults)


def today_at(convening):
    return checkin.venue_today(convening)


@pytest.fixture
def running():
    return running_convening(title="Running convening")


@pytest.fixture
def guest(running):
    return factories.InvitationFactory(
        convening=running,
        status=InvitationStatus.ACCEPTED,
        participant=factories.ParticipantFactory(full_name="Ayu Lestari", display_name="Ayu L."),
    )


def token_of(invitation) -> str:
    return checkin.issue_badge_codes(invitations=[invitation])[invitation.pk]


# --- Codes ----------------------------------------------------------------------------------


def test_a_code_is_random_and_says_nothing_about_the_person(guest):
    token = token_of(guest)
    assert len(token) >= 22
    assert "ayu" not in token.casefold()
    other = factories.InvitationFactory(convening=guest.convening)
    assert token_of(other) != token
    assert token_of(guest) == token  # issued once, read again after
    assert scan_url(token).endswith(f"/staff/check-in/{token}/")


def test_a_rotated_code_refuses_the_old_badge(guest, staff_user):
    old = token_of(guest)
    new = checkin.rotate_badge_code(invitation=guest, by=staff_user)
    assert new != old
    with pytest.raises(ValidationError) as refused:
        checkin.invitation_for_code(token=old)
    assert refused.value.code == "unknown_code"
    assert checkin.invitation_for_code(token=new) == guest
    assert BadgeCode.objects.filter(invitation=guest).count() == 1


# --- Checking in ----------------------------------------------------------------------------


def test_checking_in_twice_records_once_and_marks_attended(guest, staff_user):
    day = today_at(guest.convening)
    first = checkin.check_in(invitation=guest, day=day, by=staff_user, method="code")
    again = checkin.check_in(invitation=guest, day=day, by=staff_user, method="code")
    assert (first.created, again.created) == (True, False)
    assert CheckIn.objects.filter(invitation=guest).count() == 1
    guest.refresh_from_db()
    assert guest.status == InvitationStatus.ATTENDED
    assert AuditEntry.objects.filter(action="invitation.checked_in").count() == 1


def test_a_session_check_in_also_checks_in_for_the_day_once(guest, staff_user):
    session = factories.AgendaSessionFactory(
        convening=guest.convening,
        starts_at=timezone.make_aware(
            dt.datetime.combine(today_at(guest.convening), dt.time(9)), guest.convening.zone
        ),
    )
    day = today_at(guest.convening)
    checkin.check_in(invitation=guest, day=day, session=session, by=staff_user)
    checkin.check_in(invitation=guest, day=day, session=session, by=staff_user)
    checkin.check_in(invitation=guest, day=day, by=staff_user)
    rows = CheckIn.objects.filter(invitation=guest)
    assert sorted((c.day, c.session_id or 0) for c in rows) == [(day, 0), (day, session.pk)]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ("withdrawn", "withdrawn"),
        ("cancelled", "cancelled"),
        ("other_convening", "other_convening"),
        ("ahead", "future_day"),
        ("outside", "outside_dates"),
    ],
)
def test_check_in_is_refused_with_a_reason(guest, staff_user, change, code):
    day = today_at(guest.convening)
    desk = guest.convening
    if change == "withdrawn":
        withdraw_invitation(invitation=guest, notify=False, by=staff_user)
    elif change == "cancelled":
        guest.convening.status = ConveningStatus.CANCELLED
        guest.convening.save()
    elif change == "other_convening":
        desk = running_convening(title="Another convening")
    elif change == "ahead":
        day += dt.timedelta(days=1)
    else:
        day += dt.timedelta(days=5)
    with pytest.raises(ValidationError) as refused:
        checkin.check_in(invitation=guest, day=day, by=staff_user, convening=desk)
    assert refused.value.code == code
    assert not CheckIn.objects.exists()
    assert Invitation.all_objects.get(pk=guest.pk).status == InvitationStatus.ACCEPTED


def test_check_in_changes_the_attended_figures_and_the_cost_per_attendee(guest, staff_user):
    convening = guest.convening
    convening.cost_venue = 1000
    convening.save()
    factories.InvitationFactory(convening=convening, status=InvitationStatus.ACCEPTED)
    assert cost_summary(convening=convening).attendees == 0  # started: counts attended
    checkin.check_in(invitation=guest, day=today_at(convening), by=staff_user)
    summary = cost_summary(convening=convening)
    assert (summary.attendees, str(summary.per_attendee)) == (1, "1000.00")


def test_the_bulk_no_show_correction_removes_the_check_ins(guest, staff_user):
    checkin.check_in(invitation=guest, day=today_at(guest.convening), by=staff_user)
    services.record_attendance(convening=guest.convening, no_show=[guest], by=staff_user)
    guest.refresh_from_db()
    assert guest.status == InvitationStatus.NO_SHOW
    assert not CheckIn.objects.filter(invitation=guest).exists()


def test_check_in_feeds_the_report_figures(guest, staff_user):
    from convenings.selectors import figures_for_period

    convening = guest.convening
    start = dt.date(convening.start_date.year, 1, 1)
    end = dt.date(convening.start_date.year, 12, 31)
    convening.status = ConveningStatus.HELD
    convening.save()
    guest.status = InvitationStatus.NO_SHOW
    guest.save()
    before = {f.key: f.value for f in figures_for_period(start=start, end=end)}
    checkin.check_in(invitation=guest, day=today_at(convening), by=staff_user)
    after = {f.key: f.value for f in figures_for_period(start=start, end=end)}
    assert after["participants"] == before["participants"] + 1


# --- The pages ---------------------------------------------------------------------------


def test_staff_scan_a_code_and_check_the_person_in(guest, staff_client):
    token = token_of(guest)
    page = staff_client.get(reverse("convenings:staff-checkin-scan", args=[token]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ayu L." in html
    assert "Ayu Lestari" not in html
    assert not CheckIn.objects.exists()  # a GET changes nothing
    action = re.search(r'<form method="post" action="([^"]+/check-in/\d+/)"', html).group(1)
    data = {"day": today_at(guest.convening).isoformat(), "method": "code"}
    response = staff_client.post(action, data, follow=True)
    assert "Checked in: Ayu L." in response.content.decode()
    again = staff_client.post(action, data, follow=True)
    assert "already checked in" in again.content.decode()
    assert CheckIn.objects.filter(invitation=guest).count() == 1
    assert CheckIn.objects.get().method == "code"


def test_a_code_of_another_convening_is_refused_at_this_desk(guest, staff_client):
    desk = running_convening(title="The desk's convening")
    staff_client.get(reverse("convenings:staff-checkin", args=[desk.pk]))
    page = staff_client.get(reverse("convenings:staff-checkin-scan", args=[token_of(guest)]))
    assert page.status_code == 409
    assert "belongs to another convening (Running convening)" in page.content.decode()


def test_a_withdrawn_invitation_s_code_is_refused(guest, staff_client, staff_user):
    token = token_of(guest)
    withdraw_invitation(invitation=guest, notify=False, by=staff_user)
    page = staff_client.get(reverse("convenings:staff-checkin-scan", args=[token]))
    assert page.status_code == 409
    assert "This invitation was withdrawn" in page.content.decode()


def test_an_unknown_code_is_refused_in_thai(staff_user, staff_client):
    staff_user.language = "th"
    staff_user.save()
    page = staff_client.get(reverse("convenings:staff-checkin-scan", args=["not-a-code"]))
    assert page.status_code == 404
    html = page.content.decode()
    assert 'lang="th"' in html
    assert "This code is not valid" not in html
    assert "รหัส" in html


def test_the_desk_finds_people_by_badge_name_and_checks_them_in(running, staff_client):
    hidden = factories.InvitationFactory(
        convening=running,
        status=InvitationStatus.ACCEPTED,
        participant=factories.ParticipantFactory(
            full_name="Harun Hidayat", display_name="Harun H.", visibility=Visibility.HIDDEN
        ),
    )
    factories.InvitationFactory(
        convening=running,
        status=InvitationStatus.ACCEPTED,
        participant=factories.ParticipantFactory(
            full_name="Siti Rahmawati", display_name="River", visibility=Visibility.PSEUDONYMOUS
        ),
    )
    url = reverse("convenings:staff-checkin", args=[running.pk])
    found = staff_client.get(url, {"q": "harun"}).content.decode()
    # Staff may check a hidden person in; the desk shows the display name, never the full one.
    assert "Harun H." in found
    assert "Harun Hidayat" not in found
    assert "Hidden: never printed" in found
    river = staff_client.get(url, {"q": "siti"}).content.decode()
    assert "River" in river
    assert "Siti Rahmawati" not in river
    post = reverse("convenings:staff-checkin-person", args=[running.pk, hidden.pk])
    staff_client.post(post, {"day": today_at(running).isoformat(), "q": "harun"})
    assert "0</strong> / 2" in staff_client.get(url, {"day": running.start_date}).content.decode()
    counts = staff_client.get(reverse("convenings:staff-checkin-counts", args=[running.pk]))
    assert "<strong>1</strong> / 2" in counts.content.decode()


def test_an_invitation_of_another_convening_in_the_address_is_404(guest, staff_client):
    other = running_convening()
    url = reverse("convenings:staff-checkin-person", args=[other.pk, guest.pk])
    assert staff_client.get(url).status_code == 404
    assert staff_client.post(url, {"day": today_at(other).isoformat()}).status_code == 404
    assert not CheckIn.objects.exists()


def test_participants_cannot_reach_the_desk_or_scan_page(guest, participant_client):
    token = token_of(guest)
    assert (
        participant_client.get(reverse("convenings:staff-checkin-scan", args=[token])).status_code
        == 403
    )
    assert (
        participant_client.get(
            reverse("convenings:staff-checkin", args=[guest.convening.pk])
        ).status_code
        == 403
    )


def test_the_participant_sees_their_own_code_once_they_said_yes(participant, participant_client):
    convening = running_convening()
    invitation = factories.InvitationFactory(convening=convening, participant=participant)
    url = reverse("convenings:portal-checkin-code", args=[convening.pk])
    assert "<svg" not in participant_client.get(url).content.decode()
    invitation.status = InvitationStatus.ACCEPTED
    invitation.save()
    html = participant_client.get(url).content.decode()
    assert '<svg role="img" class="qr"' in html
    assert BadgeCode.objects.filter(invitation=invitation).count() == 1
    other = running_convening()
    factories.InvitationFactory(convening=other, status=InvitationStatus.ACCEPTED)
    assert (
        participant_client.get(
            reverse("convenings:portal-checkin-code", args=[other.pk])
        ).status_code
        == 404
    )


def test_someone_on_the_waiting_list_is_not_checked_in_past_the_capacity(
    running, staff_client, staff_user
):
    # The desk would make them "attended" and take a place nobody gave them: promote first.
    waiting = factories.InvitationFactory(
        convening=running, status=InvitationStatus.WAITLISTED, waitlisted_at=timezone.now()
    )
    with pytest.raises(ValidationError) as refused:
        checkin.check_in(
            invitation=waiting, day=today_at(running), by=staff_user, convening=running
        )
    assert refused.value.code == "waitlisted"
    staff_client.post(
        reverse("convenings:staff-checkin-person", args=[running.pk, waiting.pk]),
        {"day": today_at(running).isoformat()},
    )
    assert Invitation.objects.get(pk=waiting.pk).status == InvitationStatus.WAITLISTED
    assert not CheckIn.objects.filter(invitation=waiting).exists()
    page = staff_client.get(reverse("convenings:staff-checkin-scan", args=[token_of(waiting)]))
    assert page.status_code == 409
    assert "waiting list" in page.content.decode()


def test_the_waiting_list_refusal_is_translated(running, staff_user, staff_client):
    staff_user.language = "th"
    staff_user.save()
    waiting = factories.InvitationFactory(
        convening=running, status=InvitationStatus.WAITLISTED, waitlisted_at=timezone.now()
    )
    page = staff_client.get(reverse("convenings:staff-checkin-scan", args=[token_of(waiting)]))
    assert page.status_code == 409
    assert "รายชื่อสำรอง" in page.content.decode()


def test_the_count_of_a_past_day_does_not_say_today_in_thai(running, staff_user, staff_client):
    staff_user.language = "th"
    staff_user.save()
    yesterday = (today_at(running) - dt.timedelta(days=1)).isoformat()
    fragment = staff_client.get(
        reverse("convenings:staff-checkin-counts", args=[running.pk]), {"day": yesterday}
    ).content.decode()
    assert "ลงทะเบียนเข้างานในวันที่เลือกแล้ว" in fragment
    assert "วันนี้" not in fragment
