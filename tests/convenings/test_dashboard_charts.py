"""The convening page's charts (convenings/dashboard_charts.py) and the on-site pages'
query counts, pinned with one and three items."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from convenings import checkin
from convenings.dashboard_charts import reply_timeline
from convenings.models import ConveningStatus, InvitationStatus
from tests import factories

from .factories import open_convening

pytestmark = pytest.mark.django_db


def _replied(convening, status, when, **needs):
    invitation = factories.InvitationFactory(convening=convening, status=status, **needs)
    invitation.replied_at = when
    invitation.save()
    return invitation


def test_replies_over_time_are_cumulative_per_venue_day():
    convening = open_convening(time_zone="Pacific/Auckland")
    # 20:00 UTC on the 1st is the 2nd in Auckland.
    first = dt.datetime(2026, 3, 1, 20, 0, tzinfo=dt.UTC)
    _replied(convening, InvitationStatus.ACCEPTED, first)
    _replied(convening, InvitationStatus.DECLINED, first + dt.timedelta(days=2))
    _replied(convening, InvitationStatus.ACCEPTED, first + dt.timedelta(days=2))
    factories.InvitationFactory(convening=convening)  # no reply: not on the line
    points = reply_timeline(convening=convening)
    assert [(p.day, p.accepted, p.declined) for p in points] == [
        (dt.date(2026, 3, 2), 1, 0),
        (dt.date(2026, 3, 4), 2, 1),
    ]


def test_the_staff_page_draws_accessible_charts_with_table_fallbacks(staff_client):
    convening = open_convening()
    now = timezone.now()
    _replied(
        convening,
        InvitationStatus.ACCEPTED,
        now,
        interpretation_language="th",
        dietary_needs="Halal",
        travel_support=True,
    )
    _replied(convening, InvitationStatus.DECLINED, now)
    factories.InvitationFactory(convening=convening)
    html = staff_client.get(reverse("convenings:staff-detail", args=[convening.pk])).content
    html = html.decode()
    svgs = re.findall(r"<svg class=\"chart\".*?</svg>", html, re.S)
    assert len(svgs) == 4
    for svg in svgs:
        assert 'role="img"' in svg
        assert "<title id=" in svg
        assert "<desc id=" in svg
    assert "67% of 3 invited have replied." in html
    assert "0 with access needs, 1 with dietary needs, 1 asking for travel support." in html
    assert "1 interpretation seats in all." in html
    assert html.count("The figures as a table") == 4
    assert "<script" not in "".join(svgs)


@pytest.mark.parametrize("n", [1, 3])
def test_check_in_desk_queries(n, staff_client, staff_user, django_assert_num_queries):
    today = timezone.localdate()
    convening = factories.ConveningFactory(
        status=ConveningStatus.OPEN,
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=1),
        time_zone="Asia/Bangkok",
    )
    for i in range(n):
        invitation = factories.InvitationFactory(
            convening=convening,
            status=InvitationStatus.ACCEPTED,
            participant=factories.ParticipantFactory(full_name=f"Wulan Sari {i}"),
        )
        if i == 0:
            checkin.check_in(
                invitation=invitation, day=checkin.venue_today(convening), by=staff_user
            )
        factories.AgendaSessionFactory(convening=convening)
    url = reverse("convenings:staff-checkin", args=[convening.pk])
    staff_client.get(url, {"q": "wulan"})
    # user, their participant record (session: cache), groups, the convening with its
    # reply counts, the day's sessions, the people found with "checked in" in the same
    # query, the counts (one aggregate)
    with django_assert_num_queries(7):
        response = staff_client.get(url, {"q": "wulan"})
    rows = response.context["rows"]
    assert len(rows) == n
    assert [row.checked_in for row in rows] == [True] + [False] * (n - 1)
    assert response.context["counts"].checked_in == 1


@pytest.mark.parametrize("n", [1, 3])
def test_printables_page_queries(n, staff_client, django_assert_num_queries):
    convening = open_convening()
    for _ in range(n):
        factories.InvitationFactory(convening=convening, status=InvitationStatus.ACCEPTED)
    url = reverse("convenings:staff-printables", args=[convening.pk])
    staff_client.get(url)
    # user, participant record, groups, the convening with counts, the countries of the
    # invitees (the filter's choices), how many will be printed
    with django_assert_num_queries(6):
        response = staff_client.get(url)
    assert response.context["printed"] == n


@pytest.mark.parametrize("n", [1, 3])
def test_portal_check_in_code_queries(
    n, participant, participant_client, django_assert_num_queries
):
    convening = open_convening()
    factories.InvitationFactory(
        convening=convening, participant=participant, status=InvitationStatus.ACCEPTED
    )
    for _ in range(n):
        factories.InvitationFactory(convening=convening, status=InvitationStatus.ACCEPTED)
    url = reverse("convenings:portal-checkin-code", args=[convening.pk])
    participant_client.get(url)  # the code is issued on the first visit
    # user, participant record, the invitation with its convening, the code, groups
    with django_assert_num_queries(5):
        response = participant_client.get(url)
    assert response.context["has_code"]


@pytest.mark.parametrize("n", [1, 3])
def test_check_in_person_page_queries(n, staff_client, staff_user, django_assert_num_queries):
    today = timezone.localdate()
    convening = factories.ConveningFactory(
        status=ConveningStatus.OPEN,
        start_date=today - dt.timedelta(days=3),
        end_date=today + dt.timedelta(days=1),
        time_zone="Asia/Bangkok",
    )
    invitation = factories.InvitationFactory(convening=convening, status=InvitationStatus.ACCEPTED)
    for days_ago in range(n):  # checked in on n days
        checkin.check_in(
            invitation=invitation,
            day=checkin.venue_today(convening) - dt.timedelta(days=days_ago),
            by=staff_user,
        )
    url = reverse("convenings:staff-checkin-person", args=[convening.pk, invitation.pk])
    staff_client.get(url)
    # user, participant record, groups, the invitation with convening and participant,
    # the day's sessions, the person's check-ins with their session
    with django_assert_num_queries(6):
        response = staff_client.get(url)
    assert len(response.context["check_ins"]) == n
    assert response.context["row"].checked_in
