"""One way to print a span of dates (common/labels.py) and a convening's place line."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from common.labels import date_range
from tests import factories

START, END = dt.date(2031, 3, 4), dt.date(2031, 3, 6)


def test_one_day_is_one_date_and_more_days_a_span():
    assert date_range(START, START) == "4 Mar 2031"
    assert date_range(START, END) == "4 Mar 2031 \u2013 6 Mar 2031"


def test_the_dates_are_in_the_active_language():
    with translation.override("th"):
        assert date_range(START, END, "j F Y") == "4 มีนาคม 2031 \u2013 6 มีนาคม 2031"


@pytest.mark.django_db
def test_the_place_line_of_a_convening():
    convening = factories.ConveningFactory(
        format="in_person", city="Bangkok", venue_name="Hall A", venue_address="1 Road\nSilom"
    )
    country = convening.host_country.name
    assert convening.place_label == f"Bangkok, {country}"
    assert convening.venue_label == f"Hall A, Bangkok, {country}"
    assert convening.place(venue=True, address=True) == f"Hall A, 1 Road Silom, Bangkok, {country}"
    convening.city = ""
    assert convening.place_label == country
    convening.format = "online"
    with translation.override("th"):
        assert convening.place_label == "ออนไลน์"
