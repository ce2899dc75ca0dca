"""convenings.views.staff.site_visits: site visits and the sessions they occupy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convenings.models import SiteVisit
from tests import factories

from .factories import open_convening

pytestmark = pytest.mark.django_db


def test_site_visit_with_its_own_session(staff_client):
    convening = open_convening()
    response = staff_client.post(
        reverse("convenings:staff-site-visits", args=[convening.pk]),
        {
            "programme_en": "Family-based care programme",
            "place": "Bangkok",
            "date": convening.start_date.isoformat(),
            "add_session": "on",
            "session_starts": "14:00",
            "session_ends": "17:00",
        },
    )
    assert response.status_code == 302
    visit = SiteVisit.objects.get()
    assert visit.session.kind == "site_visit"
    assert visit.session.title == "Family-based care programme"


def test_edit_a_site_visit_and_link_a_session(staff_client):
    convening = open_convening()
    visit = factories.SiteVisitFactory(convening=convening)
    session = factories.AgendaSessionFactory(convening=convening, kind="site_visit")
    response = staff_client.post(
        reverse("convenings:staff-site-visit-edit", args=[convening.pk, visit.pk]),
        {
            "programme_en": "Case management pilot",
            "place": "Chiang Mai",
            "date": convening.start_date.isoformat(),
            "session": session.pk,
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.programme, visit.place, visit.session) == (
        "Case management pilot",
        "Chiang Mai",
        session,
    )


def test_a_site_visit_cannot_link_another_convenings_session(staff_client):
    convening = open_convening()
    elsewhere = factories.AgendaSessionFactory(convening=open_convening())
    response = staff_client.post(
        reverse("convenings:staff-site-visits", args=[convening.pk]),
        {
            "programme_en": "Visit",
            "place": "Bangkok",
            "date": convening.start_date.isoformat(),
            "session": elsewhere.pk,
        },
    )
    assert response.status_code == 200
    assert not SiteVisit.objects.exists()
