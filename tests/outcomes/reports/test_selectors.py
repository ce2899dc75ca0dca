"""The report's figures (outcomes/reports/selectors.py): equal to the database, in a fixed
number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convenings.models import Convening, Invitation, SiteVisit
from outcomes.models import Outcome, OutcomeKind
from outcomes.reports import selectors as report_selectors
from participants.models import Participant, Sector
from tests.outcomes import factories
from tests.outcomes.reports.pdf import pdf_text, render, shows

pytestmark = pytest.mark.django_db


def test_pdf_figures_equal_database_counts():
    factories.build_network(scale=2)
    # Data that must not be counted: a convening in another year, a cancelled one (whose
    # invitee also attended a counted convening, and so is counted once).
    other = factories.core.ConveningFactory(start_date="2021-05-01", end_date="2021-05-02")
    factories.core.InvitationFactory(convening=other, status="attended")
    cancelled = factories.core.ConveningFactory(
        start_date="2023-09-01", end_date="2023-09-02", status="cancelled"
    )
    factories.core.InvitationFactory(convening=cancelled, status="accepted")
    factories.core.InvitationFactory(
        convening=cancelled,
        participant=Participant.objects.filter(invitations__isnull=False).first(),
        status="accepted",
    )
    text = pdf_text(render())

    engaged = (
        Participant.objects.filter(
            invitations__convening__start_date__year=2023,
            invitations__status="attended",
            invitations__convening__status="held",
        )
        .distinct()
        .count()
    )
    assert engaged == 30
    assert shows(text, engaged, "Participants engaged in convenings")
    assert shows(text, 5, "Member countries")
    assert shows(text, 5, "Countries engaged")
    held = Convening.objects.filter(start_date__year=2023).exclude(status="cancelled").count()
    assert shows(text, held, "Convenings held")
    visits = SiteVisit.objects.filter(convening__start_date__year=2023).count()
    assert shows(text, visits, "Site visits")
    outcomes = Outcome.objects.filter(date__year=2023)
    assert shows(text, outcomes.count(), "Outcomes recorded")
    for kind, label in OutcomeKind.choices:
        count = outcomes.filter(kind=kind).count()
        assert count == 2
        assert shows(text, count, label)
    for sector in (Sector.GOVERNMENT, Sector.CIVIL_SOCIETY, Sector.ACADEMIA):
        # "Government: 10" in the key elements section
        assert re.search(rf"{Sector(sector).label}:\s*10(?!\d)", text)
    places = Invitation.objects.filter(
        convening__start_date__year=2023, convening__status="held"
    ).count()
    assert shows(text, places, "Participant places at convenings")
    # Cost per convening: 13,000 for the single 2023 convening.
    assert shows(text, "13,000", "USD per convening")


def _queries_for_report_data() -> int:
    with CaptureQueriesContext(connection) as ctx:
        report_selectors.report_data(kind="annual", start_year=2023, end_year=2023)
    return len(ctx.captured_queries)


def test_report_selector_query_count_does_not_grow_with_data():
    factories.build_network(scale=1)
    small = _queries_for_report_data()
    factories.build_network(scale=3)  # adds to the same countries and year
    large = _queries_for_report_data()
    # countries, people by country/sector, convenings, site visits, sessions, outcomes
    # (+ champions, frameworks, convenings), the protection service's three (the
    # organisations of one person, the people a report may not name, the erased names:
    # scrubbed from free text), lessons, per-person costs: 14; then the figures each app counts:
    # network and member countries (2), people engaged, convenings, site visits, places
    # (4), outcomes (1), downloads (1), actions and feedback (2): 10.
    assert small == large == 24
