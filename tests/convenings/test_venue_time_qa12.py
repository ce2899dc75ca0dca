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

from convenings import services
from convenings.models import ConveningStatus
from platform_site.zones import propose_zone
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
