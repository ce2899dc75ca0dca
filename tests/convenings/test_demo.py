"""Demo convenings: the history and the open Bangkok convening, deterministic and idempotent.

participants.demo makes the people in the real run; here factories stand in for them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import translation

from convenings import demo
from convenings.models import AgendaSession, Convening, Invitation, SiteVisit
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    countries = [factories.CountryFactory(code=code) for code in ("AU", "ID", "MY", "NZ", "TH")]
    people = []
    for index in range(60):
        people.append(
            factories.ParticipantFactory(
                country=countries[index % 5],
                preferred_language=["en", "id", "ms", "th"][index % 4],
            )
        )
    user = factories.UserFactory(email=demo.DEMO_PARTICIPANT_EMAIL)
    return factories.ParticipantFactory(user=user, email=user.email, country=countries[4])


def _counts():
    return tuple(m.objects.count() for m in (Convening, Invitation, AgendaSession, SiteVisit))


def test_demo_history_and_upcoming_convening(directory):
    demo.seed(scale=1, stdout=io.StringIO())
    held = Convening.objects.filter(status="held", start_date__year__lte=2024)
    assert held.count() == 12
    assert {c.start_date.year for c in held} == set(range(2019, 2025))
    assert {c.host_country.code for c in held} == {"AU", "ID", "MY", "NZ", "TH"}
    assert all(c.format == "online" for c in held if c.start_date.year in (2020, 2021))
    assert all(c.title_th and c.title_ind and c.title_ms for c in held)
    assert Invitation.objects.filter(convening__status="held", status="attended").exists()
    assert Invitation.objects.filter(convening__status="held", status="declined").exists()
    assert Invitation.objects.exclude(interpretation_language="").exists()
    assert SiteVisit.objects.filter(session__isnull=False).count() == SiteVisit.objects.count() > 0

    upcoming = Convening.objects.get(status="open")
    assert upcoming.start_date == dt.date(2027, 2, 16)
    assert upcoming.city == "Bangkok"
    invited = Invitation.objects.filter(convening=upcoming)
    assert invited.filter(participant=directory, status="invited").exists()
    assert invited.count() == 26
    assert not invited.exclude(status="invited").exists()


def test_demo_is_idempotent_and_deterministic(directory):
    demo.seed(scale=1)
    first = _counts()
    titles = list(Convening.objects.order_by("start_date").values_list("title_en", "start_date"))
    demo.seed(scale=1)
    assert _counts() == first
    assert (
        list(Convening.objects.order_by("start_date").values_list("title_en", "start_date"))
        == titles
    )


def test_demo_scale_multiplies_convenings(directory):
    demo.seed(scale=2)
    assert Convening.objects.filter(status="held", start_date__year__lte=2024).count() == 24


def test_demo_without_the_directory_does_nothing(db):
    out = io.StringIO()
    demo.seed(scale=1, stdout=out)
    assert Convening.objects.count() == 0
    assert "participants.demo" in out.getvalue()


def test_demo_has_a_recent_convening_whose_follow_up_is_due(directory, settings):
    import datetime as dt

    from django.utils import timezone

    demo.seed(scale=1, stdout=io.StringIO())
    recent = Convening.objects.get(title_en=demo.RECENT["en"])
    assert recent.end_date == timezone.localdate() - dt.timedelta(
        days=settings.FOLLOWUP_AFTER_CONVENING_DAYS + 1
    )
    assert recent.invitations.filter(status="attended").exists()


def test_demo_convenings_have_real_zones_and_open_at_0900_local(directory):
    from convenings.calendar import convening_calendar
    from convenings.selectors import agenda_by_day

    demo.seed(scale=1, stdout=io.StringIO())
    in_person = Convening.objects.filter(format="in_person")
    zones = {(c.city, c.time_zone) for c in in_person}
    assert ("Wellington", "Pacific/Auckland") in zones
    assert ("Melbourne", "Australia/Melbourne") in zones
    assert {zone for city, zone in zones if city in ("Canberra",)} <= {"Australia/Sydney"}
    assert {zone for city, zone in zones if city == "Bangkok"} == {"Asia/Bangkok"}
    for convening in Convening.objects.all():
        first = convening.sessions.order_by("starts_at").first()
        assert first.starts_at.astimezone(convening.zone).time() == dt.time(9, 0), convening
    wellington = in_person.filter(city="Wellington").first()
    sessions = [s for _d, day in agenda_by_day(convening=wellington) for s in day]
    # English whatever language an earlier test's request left active in this thread.
    with translation.override("en"):
        body = convening_calendar(
            convening=wellington, sessions=sessions, per_session=False, url="https://x.example/"
        ).decode()
    unfolded = body.replace("\r\n ", "")
    assert "(Pacific/Auckland)" in unfolded
    assert f"Venue time: {wellington.start_date:%Y-%m-%d} 09:00 NZ" in unfolded
