"""Venue time, found by trying it as staff and participants would (issue 12 QA).

- a city typed as staff type it ("Perth, WA") still proposes the city's zone;
- the .ics attached to an e-mail names its charset once;
- a cancelled convening's page no longer offers "Add to my calendar".
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from common.zones import propose_zone
from convenings import services
from convenings.models import ConveningStatus
from tests import factories

from .factories import open_convening

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("city", "zone"),
    [
        ("Perth", "Australia/Perth"),
        ("Perth, WA", "Australia/Perth"),
        ("Perth WA", "Australia/Perth"),
        ("Perth, Western Australia", "Australia/Perth"),
        ("  MELBOURNE (CBD) ", "Australia/Melbourne"),
        ("Darwin NT", "Australia/Darwin"),
        ("Adelaide, SA", "Australia/Adelaide"),
        ("Hobart, Tasmania", "Australia/Hobart"),
        ("Canberra", "Australia/Sydney"),
        ("Sydney", "Australia/Sydney"),
        ("North Perth", "Australia/Perth"),
    ],
)
def test_zone_is_proposed_from_a_city_written_with_its_state(city, zone):
    assert propose_zone(country_code="AU", city=city) == zone


def test_other_countries_and_unknown_cities_keep_the_capital_zone():
    assert propose_zone(country_code="ID", city="Denpasar, Bali") == "Asia/Makassar"
    assert propose_zone(country_code="MY", city="Kota Kinabalu, Sabah") == "Asia/Kuching"
    assert propose_zone(country_code="NZ", city="Wellington") == "Pacific/Auckland"
    assert propose_zone(country_code="AU", city="Fremantle") == "Australia/Sydney"


def test_the_attached_calendar_names_its_charset_once(mailoutbox):
    day = timezone.localdate() + dt.timedelta(days=60)
    convening = open_convening(
        host_country=factories.CountryFactory(code="NZ"),
        city="Wellington",
        time_zone="Pacific/Auckland",
        start_date=day,
        end_date=day,
    )
    invitation = factories.InvitationFactory(convening=convening)
    services.send_invitation_email(invitation=invitation)
    (mail,) = mailoutbox
    part = mail.message().get_payload()[1]
    assert part.get_content_type() == "text/calendar"
    assert part["Content-Type"].lower().count("charset") == 1
    assert part.get_content_charset() == "utf-8"


def test_a_cancelled_convening_does_not_offer_add_to_my_calendar(participant_client, participant):
    day = timezone.localdate() + dt.timedelta(days=60)
    convening = open_convening(start_date=day, end_date=day)
    factories.InvitationFactory(convening=convening, participant=participant)
    url = reverse("convenings:portal-detail", args=[convening.pk])
    assert "Add to my calendar" in participant_client.get(url).content.decode()
    convening.status = ConveningStatus.CANCELLED
    convening.save()
    page = participant_client.get(url).content.decode()
    assert "Add to my calendar" not in page
    assert "Remove it from my calendar" in page


def test_a_cancellation_undone_tells_invitees_once_with_a_confirmed_calendar(
    staff_user, participant, mailoutbox, django_capture_on_commit_callbacks
):
    """Staff cancel by mistake (or plans change back): everyone told of the cancellation
    is told it goes ahead after all, once, with a calendar that brings the event back."""
    from convenings.models import ConveningNotice, NoticeKind
    from tests.convenings.venue_time.calendars import read_both

    day = timezone.localdate() + dt.timedelta(days=60)
    convening = open_convening(title="Wellington convening", start_date=day, end_date=day)
    factories.InvitationFactory(convening=convening, participant=participant)
    factories.AgendaSessionFactory(convening=convening)
    for status in (ConveningStatus.CANCELLED, ConveningStatus.OPEN, ConveningStatus.OPEN):
        with django_capture_on_commit_callbacks(execute=True):
            services.update_convening(convening=convening, fields={"status": status}, by=staff_user)
    cancelled, reinstated = mailoutbox
    assert reinstated.subject == "Going ahead: Wellington convening"
    assert "is going ahead after all" in reinstated.body
    (before,) = read_both(cancelled.attachments[0][1])
    (after,) = read_both(reinstated.attachments[0][1])
    assert (before["status"], after["status"]) == ("CANCELLED", "CONFIRMED")
    assert after["sequence"] > before["sequence"]
    kinds = list(ConveningNotice.objects.order_by("sequence").values_list("kind", flat=True))
    assert kinds == [NoticeKind.CANCELLED, NoticeKind.REINSTATED]


def test_a_cancelled_convening_marked_held_sends_nothing(
    staff_user, participant, mailoutbox, django_capture_on_commit_callbacks
):
    day = timezone.localdate() - dt.timedelta(days=3)
    convening = open_convening(start_date=day, end_date=day)
    factories.InvitationFactory(convening=convening, participant=participant)
    for status in (ConveningStatus.CANCELLED, ConveningStatus.HELD):
        with django_capture_on_commit_callbacks(execute=True):
            services.update_convening(convening=convening, fields={"status": status}, by=staff_user)
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Cancelled"]


def test_a_new_time_zone_moves_the_agenda_and_tells_invitees_once(
    staff_user, participant, mailoutbox, django_capture_on_commit_callbacks
):
    """Staff correct the zone (Sydney → Perth): the agenda keeps its 09:00, so every
    instant moves by hours, and calendars holding the old instants must hear of it."""
    from convenings.models import ConveningNotice, NoticeKind

    day = timezone.localdate() + dt.timedelta(days=60)
    convening = open_convening(
        title="Perth convening",
        host_country=factories.CountryFactory(code="AU"),
        city="Perth",
        time_zone="Australia/Sydney",
        start_date=day,
        end_date=day,
    )
    factories.InvitationFactory(convening=convening, participant=participant)
    factories.AgendaSessionFactory(convening=convening)
    for _twice in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.update_convening(
                convening=convening, fields={"time_zone": "Australia/Perth"}, by=staff_user
            )
    (mail,) = mailoutbox
    assert "AWST" in mail.body
    assert ConveningNotice.objects.get().kind == NoticeKind.RESCHEDULED
