"""The exports for caterer, venue, interpreters and travel agent, the Logistics tab, and
per-person costs in the reports (branch logistics)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from convenings.logistics_exports import FORMATS, KINDS
from convenings.models import ConveningStatus
from outcomes.reports.render import render_report
from participants.models import Visibility
from tests import factories
from tests.outcomes.reports.pdf import report_text

from .factories import open_convening

pytestmark = pytest.mark.django_db


@pytest.fixture
def served():
    """A convening with a named, a pseudonymous and a hidden person coming, each with a
    need, travel, nights and interpretation, and an agenda session."""
    convening = open_convening(title="Served convening", interpretation_languages=["th"])
    people = [
        ("Nadia Named", "Nadia Named", Visibility.NAMED),
        ("Siti Rahmawati", "River", Visibility.PSEUDONYMOUS),
        ("Harun Hidayat", "Harun H.", Visibility.HIDDEN),
    ]
    arrival = dt.datetime.combine(convening.start_date, dt.time(9)).replace(tzinfo=convening.zone)
    for full, display, visibility in people:
        person = factories.ParticipantFactory(
            full_name=full, display_name=display, visibility=visibility
        )
        factories.InvitationFactory(
            convening=convening,
            participant=person,
            status="accepted",
            dietary_needs="vegan" if visibility == Visibility.HIDDEN else "Halal ",
            access_needs="step-free room",
            interpretation_language="th",
            arrival_at=arrival,
            departure_at=arrival + dt.timedelta(days=1, hours=8),
            travel_mode="flight",
            travel_details="TG 101",
            nights=[convening.start_date.isoformat()],
        )
    factories.AgendaSessionFactory(
        convening=convening,
        starts_at=arrival + dt.timedelta(hours=1),
        ends_at=arrival + dt.timedelta(hours=2),
        interpreted_languages=["th"],
    )
    return convening


def _export(client, convening, kind, fmt):
    response = client.get(
        reverse("convenings:staff-logistics-export", args=[convening.pk, kind, fmt])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[fmt]
    return report_text(response.content, fmt)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("kind", list(KINDS))
def test_hidden_never_named_pseudonymous_only_by_pseudonym(staff_client, served, kind, fmt):
    text = _export(staff_client, served, kind, fmt)
    for never in ("Harun", "Hidayat", "Siti", "Rahmawati"):
        assert never not in text
    if kind in ("venue", "travel"):
        assert "River" in text
        assert "Nadia Named" in text
        assert "1 more not named" in text


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_protected_name_typed_in_free_text_is_not_printed(staff_client, served, fmt):
    invitation = served.invitations.get(participant__display_name="Nadia Named")
    invitation.dietary_needs = "the same as Harun Hidayat"
    invitation.access_needs = "next to Siti Rahmawati"
    invitation.save()
    for kind in KINDS:
        text = _export(staff_client, served, kind, fmt)
        for never in ("Harun", "Hidayat", "Siti", "Rahmawati"):
            assert never not in text


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_session_titled_with_a_protected_name_is_not_printed_for_interpreters(
    staff_client, served, fmt
):
    """Issue 13: a session named after someone who is (or has since become) hidden, or
    after a pseudonymous person's real name, goes to the interpreters described."""
    served.sessions.update(
        title="Fireside chat: Harun Hidayat", title_en="Fireside chat: Harun Hidayat"
    )
    text = _export(staff_client, served, "interpreters", fmt)
    assert "Fireside chat" in text
    for never in ("Harun", "Hidayat"):
        assert never not in text


def test_caterer_counts_a_shared_need_without_names(staff_client, served):
    text = _export(staff_client, served, "caterer", "csv")
    day = served.start_date.strftime("%a")
    assert f"{day} " in text
    assert ",Halal,2," in text  # shared by two: counted, nobody named
    assert "Nadia" not in text
    assert "River" not in text
    # An individual need of a hidden person: counted, not named.
    assert ",vegan,1,one person (not named)" in text


def test_interpreters_get_seats_per_session(staff_client, served):
    text = _export(staff_client, served, "interpreters", "csv")
    assert ",3" in text  # three Thai seats in the one session


def test_travel_agent_times_are_in_the_venue_zone(staff_client, served):
    text = _export(staff_client, served, "travel", "csv")
    assert f"{served.start_date.isoformat()} 09:00" in text
    assert served.time_zone in text


def test_logistics_tab_query_count_is_flat(staff_client, django_assert_num_queries):
    convening = open_convening(capacity=5)
    url = reverse("convenings:staff-logistics", args=[convening.pk])

    def add(n):
        for _ in range(n):
            factories.InvitationFactory(convening=convening, status="accepted")
        factories.InvitationFactory(convening=convening, status="waitlisted")

    add(1)
    staff_client.get(url)
    with django_assert_num_queries(QUERIES_TAB):
        assert staff_client.get(url).status_code == 200
    add(2)
    with django_assert_num_queries(QUERIES_TAB):
        assert staff_client.get(url).status_code == 200


# Session and user (2), the staff check (1), the convening with counts (1), the people
# coming (1), the waiting list (1).
QUERIES_TAB = 6


@pytest.mark.parametrize("kind", list(KINDS))
def test_export_query_count_is_flat(staff_client, served, kind, django_assert_num_queries):
    url = reverse("convenings:staff-logistics-export", args=[served.pk, kind, "csv"])
    staff_client.get(url)
    expected = QUERIES_EXPORT + (1 if kind == "interpreters" else 0)
    with django_assert_num_queries(expected):
        staff_client.get(url)
    for _ in range(2):
        factories.InvitationFactory(convening=served, status="accepted", nights=["x"])
    with django_assert_num_queries(expected):
        staff_client.get(url)


# Session and user (2), the staff check (1), the convening (1), the people coming (1), the
# protection service's registry that scrubs free text (3).
QUERIES_EXPORT = 8


@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_per_person_costs_change_the_cost_per_participant(fmt):
    convening = factories.ConveningFactory(
        start_date=dt.date(2023, 5, 1),
        end_date=dt.date(2023, 5, 2),
        status=ConveningStatus.HELD,
        currency="USD",
        cost_venue=Decimal("1000"),
    )
    first = factories.InvitationFactory(convening=convening, status="attended")
    factories.InvitationFactory(convening=convening, status="attended")

    def per_place_shown() -> str:
        content = render_report(
            kind="annual", start_year=2023, end_year=2023, fmt=fmt, language="en"
        )
        return report_text(content, fmt)

    before = per_place_shown()
    first.support_granted = True
    first.support_amount = Decimal("600")
    first.accommodation_amount = Decimal("200")
    first.cost_currency = "USD"
    first.save()
    after = per_place_shown()
    # 1000 / 2 places = 500 before; (1000 + 800) / 2 = 900 after.
    assert "900" in after
    assert "900" not in before
    assert "500" in before


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_venue_learns_a_hidden_persons_access_need_without_a_name(staff_client, served, fmt):
    # A ramp or a step-free room is arranged for everyone who needs it: the hidden person's
    # need is on the venue's sheet, as "one person (not named)", never their name.
    invitation = served.invitations.get(participant__visibility=Visibility.HIDDEN)
    invitation.access_needs = "Wheelchair ramp at the side door"
    invitation.save(update_fields=["access_needs"])
    text = _export(staff_client, served, "venue", fmt)
    assert "Wheelchair ramp at the side door" in " ".join(text.split())
    assert "one person (not named)" in " ".join(text.split())
    for never in ("Harun", "Hidayat"):
        assert never not in text


def test_the_pdf_prints_the_dates_one_way_a_one_day_convening_once(staff_client):
    day = dt.date(2027, 3, 4)
    convening = open_convening(start_date=day, end_date=day)
    text = _export(staff_client, convening, "venue", "pdf")
    assert "4 Mar 2027" in text
    assert "4 Mar 2027 \u2013 4 Mar 2027" not in text  # no range of one day (en dash)
