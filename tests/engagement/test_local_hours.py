"""Reminders, follow-ups and the staff digest reach each person in their own morning.

Beat runs the schedule hourly; these tests run it every hour (twice, as after a restart)
over the days around a message and record the hour it first went out, in UTC and in the
recipient's zone.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from accounts import services as account_services
from convenings.models import ConveningStatus
from engagement import followups
from engagement.models import FollowUpMessage, MessageKind
from tests.engagement.factories import FollowUpActionFactory
from tests.factories import ConveningFactory, InvitationFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def hourly(start: dt.datetime, hours: int):
    for hour in range(hours):
        yield start + dt.timedelta(hours=hour)


def run_every_hour(start, hours, run, capture, mailoutbox) -> dict[str, dt.datetime]:
    """{recipient: the first hour a message to them went out}, running each hour twice."""
    first: dict[str, dt.datetime] = {}
    for now in hourly(start, hours):
        for _again in range(2):  # a restarted beat may run the same hour again
            with capture(execute=True):
                run(now)
        for mail in mailoutbox:
            first.setdefault(mail.to[0], now)
    return first


def next_january(day: int) -> dt.date:
    return dt.date(timezone.localdate().year + 1, 1, day)


def test_day_before_reminder_reaches_auckland_and_perth_in_their_morning(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.RSVP_REMINDER_DAYS_BEFORE = 1
    start = next_january(14)
    convening = ConveningFactory(
        start_date=start, end_date=start, status=ConveningStatus.OPEN, time_zone="Asia/Bangkok"
    )
    for email, zone in (
        ("auckland@example.org", "Pacific/Auckland"),
        ("perth@example.org", "Australia/Perth"),
    ):
        person = ParticipantFactory(email=email, time_zone=zone)
        InvitationFactory(convening=convening, participant=person)

    first = run_every_hour(
        dt.datetime.combine(start - dt.timedelta(days=3), dt.time(0), tzinfo=UTC),
        72,
        lambda now: followups.run_schedule(now=now, local_hour=9),
        django_capture_on_commit_callbacks,
        mailoutbox,
    )

    # The day before, 09:00 at home: 09:00 NZDT is 20:00 UTC two days before.
    assert first["auckland@example.org"] == dt.datetime.combine(
        start - dt.timedelta(days=2), dt.time(20), tzinfo=UTC
    )
    assert first["perth@example.org"] == dt.datetime.combine(
        start - dt.timedelta(days=1), dt.time(1), tzinfo=UTC
    )
    for email, zone in (
        ("auckland@example.org", "Pacific/Auckland"),
        ("perth@example.org", "Australia/Perth"),
    ):
        local = first[email].astimezone(zoneinfo.ZoneInfo(zone))
        assert (local.date(), local.hour) == (start - dt.timedelta(days=1), 9)
    assert sorted(m.to[0] for m in mailoutbox) == ["auckland@example.org", "perth@example.org"]


def test_action_reminder_sent_once_across_the_end_of_daylight_saving(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ACTION_REMINDER_DAYS_BEFORE = 1
    first_april = dt.date(timezone.localdate().year + 1, 4, 1)
    dst_end = first_april + dt.timedelta(days=(6 - first_april.weekday()) % 7)  # a Sunday
    owner = ParticipantFactory(email="owner@example.org", time_zone="Pacific/Auckland")
    FollowUpActionFactory(owner=owner, due_date=dst_end + dt.timedelta(days=1))

    first = run_every_hour(
        dt.datetime.combine(dst_end - dt.timedelta(days=2), dt.time(0), tzinfo=UTC),
        72,  # until Monday 12:00 NZST: the due day, before it would be overdue
        lambda now: followups.run_schedule(now=now, local_hour=9),
        django_capture_on_commit_callbacks,
        mailoutbox,
    )
    # Sunday 09:00 NZST (UTC+12, the clocks went back at 03:00) is Saturday 21:00 UTC.
    assert first["owner@example.org"] == dt.datetime.combine(
        dst_end - dt.timedelta(days=1), dt.time(21), tzinfo=UTC
    )
    assert [m.to for m in mailoutbox] == [["owner@example.org"]]
    assert FollowUpMessage.objects.filter(kind=MessageKind.ACTION_DUE).count() == 1


def test_weekly_digest_on_monday_morning_in_each_staff_members_zone(
    mailoutbox, django_capture_on_commit_callbacks
):
    for email, zone in (("nz@example.org", "Pacific/Auckland"), ("th@example.org", "")):
        user = UserFactory(email=email, time_zone=zone)
        account_services.set_role(user=user, role="staff")
    monday = next_january(4)
    monday -= dt.timedelta(days=monday.weekday())
    # Last week's digests went out already; a digest missed on Monday is caught up later
    # in the same week, so the run below starts from a week that was served.
    with django_capture_on_commit_callbacks(execute=True):
        followups.run_staff_digest(
            now=dt.datetime.combine(monday - dt.timedelta(days=3), dt.time(6), tzinfo=UTC),
            local_hour=9,
        )
    mailoutbox.clear()
    first = run_every_hour(
        dt.datetime.combine(monday - dt.timedelta(days=1), dt.time(0), tzinfo=UTC),
        48,
        lambda now: followups.run_staff_digest(now=now, local_hour=9),
        django_capture_on_commit_callbacks,
        mailoutbox,
    )
    # Monday 09:00 NZDT is Sunday 20:00 UTC; 09:00 in Bangkok (the default) is 02:00 UTC.
    assert first["nz@example.org"] == dt.datetime.combine(
        monday - dt.timedelta(days=1), dt.time(20), tzinfo=UTC
    )
    assert first["th@example.org"] == dt.datetime.combine(monday, dt.time(2), tzinfo=UTC)
    assert len(mailoutbox) == 2
