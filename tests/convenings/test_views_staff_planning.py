"""convenings.views.staff.planning: creating a convening, its details and its costs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from convenings.models import Convening
from tests import factories

from .factories import open_convening, past_convening

pytestmark = pytest.mark.django_db


def test_create_convening_in_thailand(staff_client):
    thailand = factories.CountryFactory(code="TH")
    start = timezone.localdate() + dt.timedelta(days=60)
    response = staff_client.post(
        reverse("convenings:staff-create"),
        {
            "create_key": "8c5b2a52-3f0e-4a4e-9a57-0b9f3c1d2e00",  # the form's one-time key
            "title_en": "Bangkok peer exchange",
            "title_th": "การแลกเปลี่ยนที่กรุงเทพฯ",
            "host_country": thailand.pk,
            "city": "Bangkok",
            "start_date": start.isoformat(),
            "end_date": (start + dt.timedelta(days=1)).isoformat(),
            "format": "in_person",
            "chatham_house": "on",
            "status": "open",
            "interpretation_languages": ["th", "id"],
            "currency": "USD",
            "cost_travel": "0",
            "cost_venue": "0",
            "cost_interpretation": "0",
            "cost_other": "0",
        },
    )
    convening = Convening.objects.get()
    assert response.url == reverse("convenings:staff-detail", args=[convening.pk])
    assert convening.title_th == "การแลกเปลี่ยนที่กรุงเทพฯ"
    assert convening.interpretation_languages == ["th", "id"]


def test_create_form_shows_errors_next_to_fields(staff_client):
    response = staff_client.post(reverse("convenings:staff-create"), {"title_en": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_en_error"' in body
    assert 'aria-describedby="id_title_en_error"' in body


def test_costs_and_cost_per_attendee(staff_client):
    convening = past_convening(cost_travel=Decimal("3000"), cost_venue=Decimal("1000"))
    factories.InvitationFactory.create_batch(4, convening=convening, status="attended")
    factories.InvitationFactory(convening=convening, status="no_show")
    url = reverse("convenings:staff-costs", args=[convening.pk])
    summary = staff_client.get(url).context["summary"]
    assert summary.total == Decimal("4000")
    assert summary.attendees == 4
    assert summary.per_attendee == Decimal("1000.00")
    staff_client.post(
        url,
        {
            "currency": "usd",
            "cost_travel": "3000",
            "cost_venue": "1000",
            "cost_interpretation": "1000",
            "cost_other": "0",
        },
    )
    convening.refresh_from_db()
    assert convening.cost_interpretation == Decimal("1000")
    assert staff_client.get(url).context["summary"].per_attendee == Decimal("1250.00")


def test_edit_convening_details(staff_client):
    convening = open_convening(city="Bangkok")
    url = reverse("convenings:staff-edit", args=[convening.pk])
    form = staff_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {
            "city": "Chiang Mai",
            "host_country": convening.host_country_id,
            "start_date": convening.start_date.isoformat(),
            "end_date": convening.end_date.isoformat(),
            "interpretation_languages": ["th"],
            "chatham_house": "on",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302
    convening.refresh_from_db()
    assert convening.city == "Chiang Mai"
    assert convening.interpretation_languages == ["th"]
    assert convening.chatham_house is True
