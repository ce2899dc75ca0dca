"""The venue's zone decides: stored times kept as the same wall clock by the migration,
reports name the zone, replies close at the venue's midnight, online convenings choose a
zone, staff forms read and show venue time.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from convenings import selectors
from convenings.models import AgendaSession
from tests import factories
from tests.convenings.factories import open_convening
from tests.convenings.venue_time.calendars import AUCKLAND, next_nz_summer_day

pytestmark = pytest.mark.django_db


def test_migration_keeps_stored_times_as_the_same_wall_clock_in_the_new_zone(new_zealand):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("convenings.migrations.0004_venue_zones_from_place")
    day = next_nz_summer_day()
    convening = open_convening(
        host_country=new_zealand,
        city="Wellington",
        time_zone="Asia/Bangkok",
        start_date=day,
        end_date=day,
    )
    bangkok = zoneinfo.ZoneInfo("Asia/Bangkok")
    session = factories.AgendaSessionFactory(
        convening=convening,
        starts_at=dt.datetime.combine(day, dt.time(9), tzinfo=bangkok),
        ends_at=dt.datetime.combine(day, dt.time(10), tzinfo=bangkok),
    )
    migration.forwards(apps, None)
    convening.refresh_from_db()
    session.refresh_from_db()
    assert convening.time_zone == "Pacific/Auckland"
    assert session.starts_at == dt.datetime.combine(day, dt.time(9), tzinfo=AUCKLAND)
    assert session.ends_at == dt.datetime.combine(day, dt.time(10), tzinfo=AUCKLAND)


def test_reports_helper_names_the_venue_dates_and_zone(wellington):
    day = wellington.start_date
    assert selectors.venue_dates_label(wellington) == (
        f"{day.day} Jan {day.year} - {day.day + 1} Jan {day.year} (Pacific/Auckland)"
    )


def test_replies_close_when_the_last_day_has_passed_at_the_venue(new_zealand):
    from convenings.permissions import convening_takes_replies

    # Late on the last day in Bangkok is already the next day in Auckland.
    convening = open_convening(host_country=new_zealand, time_zone="Pacific/Auckland")
    last_evening_bangkok = dt.datetime.combine(
        convening.end_date, dt.time(22), tzinfo=zoneinfo.ZoneInfo("Asia/Bangkok")
    )
    with timezone.override("Asia/Bangkok"):
        from unittest import mock

        with mock.patch("django.utils.timezone.now", return_value=last_evening_bangkok):
            assert convening_takes_replies(convening=convening) is False
        with mock.patch(
            "django.utils.timezone.now", return_value=last_evening_bangkok - dt.timedelta(hours=8)
        ):
            assert convening_takes_replies(convening=convening) is True


def test_online_convening_says_which_zone_its_times_are_in(participant_client, participant, db):
    indonesia = factories.CountryFactory(code="ID")
    convening = open_convening(
        host_country=indonesia, city="", format="online", time_zone="Asia/Jakarta"
    )
    factories.InvitationFactory(convening=convening, participant=participant)
    factories.AgendaSessionFactory(convening=convening)
    page = participant_client.get(reverse("convenings:portal-detail", args=[convening.pk]))
    assert "Times are given in Asia/Jakarta time (WIB)." in page.text
    assert "10:00 WIB" in page.text


def test_online_convening_must_choose_a_zone(staff_client, db):
    country = factories.CountryFactory(code="ID")
    start = timezone.localdate() + dt.timedelta(days=20)
    response = staff_client.post(
        reverse("convenings:staff-create"),
        {
            "create_key": "8c5b2a52-3f0e-4a4e-9a57-0b9f3c1d2e01",  # the form's one-time key
            "title_en": "Online check-in",
            "host_country": country.pk,
            "time_zone": "",
            "start_date": start,
            "end_date": start,
            "format": "online",
            "status": "planned",
            "currency": "USD",
            "cost_travel": 0,
            "cost_venue": 0,
            "cost_interpretation": 0,
            "cost_other": 0,
        },
    )
    assert response.status_code == 200
    errors = response.text.split('id="id_time_zone_error"')[1].split("</ul>")[0]
    assert "An online convening has no venue" in errors


def test_staff_forms_read_and_show_venue_time(staff_client, wellington):
    day = wellington.start_date
    session = factories.AgendaSessionFactory(convening=wellington, title="Opening")
    edit = staff_client.get(
        reverse("convenings:staff-session-edit", args=[wellington.pk, session.pk])
    )
    assert f'value="{day}T09:00"' in edit.text
    assert "Times are in the venue's time zone, Pacific/Auckland." in edit.text
    # A site visit's times are the venue's too.
    response = staff_client.post(
        reverse("convenings:staff-site-visits", args=[wellington.pk]),
        {
            "programme_en": "Community placement",
            "place": "Porirua",
            "date": day,
            "add_session": "on",
            "session_starts": "13:00",
            "session_ends": "16:00",
        },
    )
    assert response.status_code == 302
    visit_session = AgendaSession.objects.get(convening=wellington, kind="site_visit")
    assert visit_session.starts_at == dt.datetime.combine(day, dt.time(13), tzinfo=AUCKLAND)
