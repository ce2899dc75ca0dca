"""Small numbers: feedback, engagement figures and report breakdowns of fewer than three
people are not shown.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from convenings.models import ConveningStatus
from engagement import services as engagement_services
from outcomes.reports.render import render_report
from tests import factories
from tests.outcomes.reports.pdf import report_text
from tests.security.identity.people import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("answers", [1, 2])
def test_feedback_with_fewer_than_three_answers_shows_no_ratings_or_comments(w, answers):
    convening = w["convening"]
    session = factories.AgendaSessionFactory(convening=convening, title="Screening")
    people = [w["somchai"], w["river"], w["aminah"]][:answers]
    for person in people:
        engagement_services.submit_feedback(
            convening=convening,
            participant=person,
            ratings={session.pk: 2},
            what_to_change="More time for the Malaysian pilot",
        )
    page = signed_in(w["staff"]).get(reverse("engagement:staff-feedback", args=[convening.pk]))
    html = page.content.decode()
    assert "Malaysian pilot" not in html
    assert "<meter" not in html
    assert "could tell who wrote what" in html


def test_a_suppressed_session_does_not_claim_it_had_no_ratings(w):
    """One rating is hidden, not zero: the Ratings column says nothing rather than "0"."""
    convening = w["convening"]
    session = factories.AgendaSessionFactory(convening=convening, title="Screening")
    engagement_services.submit_feedback(
        convening=convening, participant=w["somchai"], ratings={session.pk: 2}, what_to_change=""
    )
    page = signed_in(w["staff"]).get(reverse("engagement:staff-feedback", args=[convening.pk]))
    assert page.context["summary"].sessions[0].suppressed
    html = page.content.decode()
    assert '<td class="num">0</td>' not in html
    assert '<td class="num">\u2013</td>' in html


def test_feedback_from_three_people_is_shown(w):
    convening = w["convening"]
    session = factories.AgendaSessionFactory(convening=convening, title="Screening")
    for person in (w["somchai"], w["river"], w["aminah"]):
        engagement_services.submit_feedback(
            convening=convening,
            participant=person,
            ratings={session.pk: 4},
            what_to_change="More time with Mr Concealed",
        )
    html = (
        signed_in(w["staff"])
        .get(reverse("engagement:staff-feedback", args=[convening.pk]))
        .content.decode()
    )
    assert "<meter" in html
    assert "More time with" in html
    assert "Concealed" not in html  # comments are scrubbed too


def test_engagement_figures_of_a_country_with_one_participant_are_not_shown(w):
    html = signed_in(w["staff"]).get(reverse("engagement:staff-overview")).content.decode()
    assert "Too few participants to show figures" in html


def test_report_breakdowns_of_fewer_than_three_are_suppressed(w):
    from outcomes.reports.selectors import report_data

    held = factories.ConveningFactory(
        start_date=dt.date(2023, 3, 1), end_date=dt.date(2023, 3, 2), status=ConveningStatus.HELD
    )
    for person in (w["somchai"], w["river"], w["aminah"]):
        factories.InvitationFactory(convening=held, participant=person, status="attended")
    with translation.override("en"):
        data = report_data(kind="annual", start_year=2023, end_year=2023)
        shown = {r.key: r.shown for r in data.by_country}
        assert shown == {"MY": "fewer than 3", "NZ": "fewer than 3", "TH": "fewer than 3"}
        text = report_text(
            render_report(kind="annual", start_year=2023, end_year=2023, language="en", fmt="csv"),
            "csv",
        )
    assert "fewer than 3" in text
