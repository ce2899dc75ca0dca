"""Bad session times and zones are refused next to the field, in the reader's language; an
overlap in one room is a warning staff can confirm; the zone is proposed from country and city.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from convenings import services
from convenings.models import AgendaSession
from tests import factories
from tests.convenings.venue_time.calendars import add_session_through_staff_form

pytestmark = pytest.mark.django_db


def test_overlap_in_same_room_is_a_warning_staff_can_confirm(staff_client, wellington):
    day = wellington.start_date
    add_session_through_staff_form(
        staff_client, wellington, start=f"{day}T09:00", end=f"{day}T10:00", room="Hall A"
    )
    response = add_session_through_staff_form(
        staff_client,
        wellington,
        start=f"{day}T09:30",
        end=f"{day}T10:30",
        room="Hall A",
        title="Clash",
    )
    assert response.status_code == 200
    assert "This overlaps “Opening” (09:00-10:00) in the same room or track." in response.text
    assert 'id="id_starts_at_error"' in response.text
    assert 'name="keep_overlap"' in response.text
    assert AgendaSession.objects.filter(convening=wellington).count() == 1
    # Another room is not an overlap; confirming keeps the clash.
    assert (
        add_session_through_staff_form(
            staff_client,
            wellington,
            start=f"{day}T09:30",
            end=f"{day}T10:30",
            room="Hall B",
            title="Parallel",
        ).status_code
        == 302
    )
    confirmed = add_session_through_staff_form(
        staff_client,
        wellington,
        start=f"{day}T09:30",
        end=f"{day}T10:30",
        room="Hall A",
        title="Clash",
        keep_overlap="on",
    )
    assert confirmed.status_code == 302
    assert AgendaSession.objects.filter(convening=wellington).count() == 3


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        ("T10:00", "T09:00", "ends_at", "A session must end after it starts."),
        ("", "", "starts_at", "The session must fall within the convening&#x27;s dates."),
    ],
)
def test_bad_session_times_are_refused_next_to_the_field(
    staff_client, wellington, start, end, field, message
):
    day = wellington.start_date if start else wellington.end_date + dt.timedelta(days=3)
    response = add_session_through_staff_form(
        staff_client,
        wellington,
        start=f"{day}{start or 'T09:00'}",
        end=f"{day}{end or 'T10:00'}",
    )
    assert response.status_code == 200
    errors = response.text.split(f'id="id_{field}_error"')[1].split("</ul>")[0]
    assert message in errors
    assert not AgendaSession.objects.filter(convening=wellington).exists()


def test_bad_input_messages_are_translated(staff_client, staff_user, wellington):
    staff_user.language = "th"
    staff_user.save()
    day = wellington.start_date
    response = add_session_through_staff_form(
        staff_client, wellington, start=f"{day}T10:00", end=f"{day}T09:00"
    )
    assert "A session must end after it starts." not in response.text
    assert "เวลาสิ้นสุดของช่วงต้องอยู่หลังเวลาเริ่มต้น" in response.text


def test_unknown_zone_is_refused(staff_client, staff_user, wellington):
    data = {
        "title_en": "Wellington convening",
        "host_country": wellington.host_country_id,
        "city": "Wellington",
        "time_zone": "Mars/Olympus_Mons",
        "start_date": wellington.start_date,
        "end_date": wellington.end_date,
        "format": "in_person",
        "status": "open",
        "currency": "USD",
        "cost_travel": 0,
        "cost_venue": 0,
        "cost_interpretation": 0,
        "cost_other": 0,
    }
    response = staff_client.post(reverse("convenings:staff-edit", args=[wellington.pk]), data)
    assert response.status_code == 200
    errors = response.text.split('id="id_time_zone_error"')[1].split("</ul>")[0]
    assert "Unknown time zone “Mars/Olympus_Mons”" in errors
    with pytest.raises(ValidationError) as exc:
        services.update_convening(
            convening=wellington, fields={"time_zone": "Mars/Olympus_Mons"}, by=staff_user
        )
    assert "time_zone" in exc.value.message_dict
    wellington.refresh_from_db()
    assert wellington.time_zone == "Pacific/Auckland"


def test_zone_is_proposed_from_country_and_city(staff_user, db):
    australia = factories.CountryFactory(code="AU")
    start = timezone.localdate() + dt.timedelta(days=40)
    made = {
        city: services.create_convening(
            fields={
                "title_en": f"In {city}",
                "host_country": australia,
                "city": city,
                "time_zone": "",
                "start_date": start,
                "end_date": start,
            },
            by=staff_user,
        ).time_zone
        for city in ("Perth", "Melbourne", "Canberra", "Darwin")
    }
    assert made == {
        "Perth": "Australia/Perth",
        "Melbourne": "Australia/Melbourne",
        "Canberra": "Australia/Sydney",
        "Darwin": "Australia/Darwin",
    }
