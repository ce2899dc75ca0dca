"""convenings.views.staff.agenda_sessions: the agenda builder, in the venue's times."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from convenings.models import AgendaSession
from tests import factories

from .factories import open_convening

pytestmark = pytest.mark.django_db


def test_agenda_builder_add_and_group_by_day(staff_client):
    convening = open_convening()
    day2 = convening.end_date
    url = reverse("convenings:staff-agenda", args=[convening.pk])
    for day, hour, kind, title in [
        (convening.start_date, 9, "presentation", "Opening"),
        (day2, 9, "site_visit", "Visit"),
        (convening.start_date, 11, "group_discussion", "Groups"),
    ]:
        response = staff_client.post(
            url,
            {
                "starts_at": f"{day.isoformat()}T{hour:02d}:00",
                "ends_at": f"{day.isoformat()}T{hour + 1:02d}:00",
                "kind": kind,
                "title_en": title,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    page = staff_client.get(url)
    days = page.context["days"]
    assert [[s.title for s in sessions] for _day, sessions in days] == [
        ["Opening", "Groups"],
        ["Visit"],
    ]
    body = page.content.decode()
    assert "kind-site_visit" in body
    assert "kind-group_discussion" in body


def test_moving_a_session_earlier(staff_client):
    convening = open_convening()
    first = factories.AgendaSessionFactory(convening=convening, title="First")
    second = factories.AgendaSessionFactory(
        convening=convening,
        title="Second",
        starts_at=first.ends_at,
        ends_at=first.ends_at + dt.timedelta(hours=1),
    )
    staff_client.post(
        reverse("convenings:staff-session-move", args=[convening.pk, second.pk]),
        {"direction": "up"},
    )
    titles = list(AgendaSession.objects.order_by("starts_at").values_list("title", flat=True))
    assert titles == ["Second", "First"]


def test_edit_a_session_keeps_its_local_times(staff_client):
    convening = open_convening()
    session = factories.AgendaSessionFactory(convening=convening, title="Opening")
    url = reverse("convenings:staff-session-edit", args=[convening.pk, session.pk])
    page = staff_client.get(url).content.decode()
    day = convening.start_date.isoformat()
    assert f'value="{day}T09:00"' in page
    response = staff_client.post(
        url,
        {
            "starts_at": f"{day}T09:30",
            "ends_at": f"{day}T10:30",
            "kind": "lived_experience",
            "title_en": "Opening voices",
            "title_th": "เสียงเปิดงาน",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.kind == "lived_experience"
    assert session.title_th == "เสียงเปิดงาน"
    assert timezone.localtime(session.starts_at).time() == dt.time(9, 30)
