"""A Wellington convening's 09:00 is 09:00 in Wellington everywhere a person reads it (staff
agenda, portal, both calendar files, the invitation e-mail); a reader in Bangkok sees their
own time beside it; calendar UIDs stay and sequences grow; daylight saving ends mid-convening.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from convenings import services
from convenings.models import AgendaSession
from tests import factories
from tests.convenings.factories import open_convening
from tests.convenings.venue_time.calendars import (
    AUCKLAND,
    UTC,
    add_session_through_staff_form,
    ics,
    nz_dst_end_sunday,
    read_both,
)

pytestmark = pytest.mark.django_db


def test_wellington_session_is_0900_nzdt_everywhere(
    staff_client, participant_client, wellington, bangkok_invitee, mailoutbox
):
    day = wellington.start_date
    response = add_session_through_staff_form(
        staff_client, wellington, start=f"{day}T09:00", end=f"{day}T10:30"
    )
    assert response.status_code == 302
    session = AgendaSession.objects.get(convening=wellington)
    # Stored as the instant: 09:00 NZDT is 20:00 UTC the day before.
    assert session.starts_at == dt.datetime.combine(day, dt.time(9), tzinfo=AUCKLAND)
    assert session.starts_at.astimezone(UTC).hour == 20

    staff_page = staff_client.get(reverse("convenings:staff-agenda", args=[wellington.pk]))
    assert "09:00" in staff_page.text
    assert "10:30 NZDT" in staff_page.text
    assert "Pacific/Auckland" in staff_page.text

    portal = participant_client.get(reverse("convenings:portal-detail", args=[wellington.pk]))
    text = portal.text
    assert "09:00" in text
    assert "10:30 NZDT" in text
    # The Bangkok reader's own time beside it: 09:00 NZDT is 03:00 in Bangkok.
    assert "03:00\u201304:30 your time" in text

    for per_session in (False, True):
        (event,) = read_both(ics(participant_client, wellington, per_session))
        assert event["start"] == dt.datetime.combine(day, dt.time(9), tzinfo=AUCKLAND)
        assert event["start"].astimezone(AUCKLAND).strftime("%H:%M") == "09:00"
        assert event["start"].astimezone(zoneinfo.ZoneInfo("Asia/Bangkok")).hour == 3
    raw = ics(participant_client, wellington, per_session=True).decode()
    # In UTC, which every client reads alike, with the venue's own time in the description.
    previous_day = day - dt.timedelta(days=1)
    assert f"DTSTART:{previous_day:%Y%m%d}T200000Z" in raw
    assert f"Venue time: {day:%Y-%m-%d} 09:00-10:30 NZDT (Pacific/Auckland)" in raw.replace(
        "\r\n ", ""
    )

    # The invitation e-mail says 09:00 NZDT, the reader's 03:00, and carries the .ics.
    services.send_invitation_email(invitation=bangkok_invitee)
    (mail,) = mailoutbox
    assert "09:00 NZDT (Pacific/Auckland time)" in mail.body
    assert "That is 03:00 in your time zone (Asia/Bangkok)." in mail.body
    (attachment,) = mail.attachments
    name, content, mimetype = attachment
    assert (name, mimetype) == ("convening.ics", "text/calendar")
    (event,) = read_both(content)
    assert event["start"] == dt.datetime.combine(day, dt.time(9), tzinfo=AUCKLAND)


def test_reader_in_the_venue_zone_sees_no_second_time(participant_client, participant, wellington):
    participant.time_zone = "Pacific/Auckland"
    participant.save()
    factories.InvitationFactory(convening=wellington, participant=participant)
    factories.AgendaSessionFactory(convening=wellington)
    page = participant_client.get(reverse("convenings:portal-detail", args=[wellington.pk]))
    assert "09:00" in page.text
    assert "your time" not in page.text


def test_uid_stable_and_sequence_grows_with_every_change(
    staff_user, participant_client, wellington, bangkok_invitee
):
    session = factories.AgendaSessionFactory(convening=wellington)
    first = read_both(ics(participant_client, wellington, per_session=True))[0]
    services.update_agenda_session(
        session=session, fields={"ends_at": session.ends_at + dt.timedelta(hours=1)}, by=staff_user
    )
    second = read_both(ics(participant_client, wellington, per_session=True))[0]
    services.update_convening(convening=wellington, fields={"city": "Lower Hutt"}, by=staff_user)
    third = read_both(ics(participant_client, wellington, per_session=True))[0]
    assert first["uid"] == second["uid"] == third["uid"]
    assert first["sequence"] < second["sequence"] < third["sequence"]


def test_convening_across_the_end_of_daylight_saving(participant_client, participant, new_zealand):
    sunday = nz_dst_end_sunday()
    convening = open_convening(
        host_country=new_zealand,
        city="Auckland",
        time_zone="Pacific/Auckland",
        start_date=sunday - dt.timedelta(days=1),
        end_date=sunday + dt.timedelta(days=1),
    )
    factories.InvitationFactory(convening=convening, participant=participant)
    for day in (convening.start_date, convening.end_date):
        factories.AgendaSessionFactory(
            convening=convening,
            starts_at=dt.datetime.combine(day, dt.time(9), tzinfo=AUCKLAND),
            ends_at=dt.datetime.combine(day, dt.time(10), tzinfo=AUCKLAND),
        )
    saturday, monday = read_both(ics(participant_client, convening, per_session=True))
    # Both 09:00 on the wall clock; one hour apart more in UTC (NZDT +13, then NZST +12).
    assert saturday["start"].astimezone(AUCKLAND).hour == 9
    assert monday["start"].astimezone(AUCKLAND).hour == 9
    assert saturday["start"].astimezone(UTC).hour == 20
    assert monday["start"].astimezone(UTC).hour == 21
    whole = read_both(ics(participant_client, convening, per_session=False))[0]
    assert whole["start"] == saturday["start"]
    assert whole["end"] == monday["end"]
