"""factory-boy factories for outcomes, and a small network builder for report tests."""

from __future__ import annotations

import datetime as dt
import uuid

import factory
from django.utils import timezone

from convenings.models import ConveningStatus, InvitationStatus
from outcomes.models import (
    ChallengeLesson,
    FrameworkCommitment,
    Outcome,
    OutcomeKind,
    StoredReport,
    Substantiator,
)
from participants.models import Sector
from tests import factories as core


class FrameworkCommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkCommitment
        django_get_or_create = ("code",)

    framework = "gcm"
    code = "GCM 13"
    title = "Use immigration detention only as a last resort"


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    kind = OutcomeKind.NATIONAL_REFORM
    country = factory.SubFactory(core.CountryFactory)
    is_regional = False
    date = dt.date(2023, 5, 1)
    title = factory.Sequence(lambda n: f"Outcome number {n}")
    what_changed = "Children were referred to community care."
    who_changed = "The immigration bureau."
    significance = "Fewer children detained."
    contribution = "Learned on a site visit."


class ChallengeLessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeLesson

    category = "resources"
    year = 2023
    what_happened = factory.Sequence(lambda n: f"Challenge {n} happened")
    response = "We responded."


class StoredReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoredReport

    kind = "annual"
    start_year = 2023
    end_year = 2023
    language = "en"
    format = "pdf"


COUNTRY_CODES = ["AU", "ID", "MY", "NZ", "TH"]
SECTORS = [Sector.GOVERNMENT, Sector.CIVIL_SOCIETY, Sector.ACADEMIA]


def build_network(*, scale: int = 1, year: int = 2023) -> dict:
    """Five member countries; per country `scale` people in each of three sectors, all
    attending one convening held in `year` (with a site visit and costs); one outcome of
    each kind per `scale`, one regional; one challenge per `scale`."""
    countries = [core.CountryFactory(code=code) for code in COUNTRY_CODES]
    convening = core.ConveningFactory(
        host_country=countries[4],
        start_date=dt.date(year, 3, 1),
        end_date=dt.date(year, 3, 3),
        status=ConveningStatus.HELD,
        cost_travel=10000,
        cost_venue=2000,
        cost_interpretation=1000,
        cost_other=0,
    )
    core.SiteVisitFactory(convening=convening, date=dt.date(year, 3, 2))
    people = []
    for country in countries:
        for sector in SECTORS:
            for _ in range(scale):
                person = core.ParticipantFactory(
                    country=country,
                    organisation=core.OrganisationFactory(country=country, sector=sector),
                )
                core.InvitationFactory(
                    convening=convening, participant=person, status=InvitationStatus.ATTENDED
                )
                people.append(person)
    outcomes = []
    for n in range(scale):
        for index, (kind, _label) in enumerate(OutcomeKind.choices):
            regional = kind == OutcomeKind.REGIONAL_COOPERATION
            outcome = OutcomeFactory(
                kind=kind,
                country=None if regional else countries[index],
                is_regional=regional,
                date=dt.date(year, 1 + index, 1 + n),
            )
            outcome.champions.set([people[index + n]])
            outcome.convenings.set([convening])
            outcome.frameworks.set([FrameworkCommitmentFactory()])
            outcomes.append(outcome)
        ChallengeLessonFactory(year=year)
    return {"countries": countries, "convening": convening, "people": people, "outcomes": outcomes}


def outcome_form_data(*, with_evidence: bool = True, **extra) -> dict:
    """What the new-outcome form posts: a fresh create key each time (common/once.py), one
    link as evidence unless `with_evidence` is False, and `extra` on top."""
    data = {
        "create_key": str(uuid.uuid4()),
        "kind": "policy_champion",
        "country": "",
        "date": "2024-03-01",
        "verification": "reported",
        "title_en": "A champion leads a pilot",
        "title_th": "ผู้ผลักดันนำโครงการนำร่อง",
        "what_changed_en": "The pilot started.",
        "evidence-TOTAL_FORMS": "1" if with_evidence else "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    if with_evidence:
        data.update(
            {
                "evidence-0-kind": "link",
                "evidence-0-url": "https://example.org/pilot",
                "evidence-0-description": "Launch notice",
            }
        )
    data.update(extra)
    return data


class SubstantiatorFactory(factory.django.DjangoModelFactory):
    """Someone outside the directory asked to substantiate an outcome (not yet answered)."""

    class Meta:
        model = Substantiator

    outcome = factory.SubFactory(OutcomeFactory)
    name = factory.Sequence(lambda n: f"Outside Person{n}")
    email = factory.Sequence(lambda n: f"Outside{n}@Example.org")
    email_key = factory.LazyAttribute(lambda o: o.email.casefold())
    language = "en"
    mail_status = "sent"
    sent_at = factory.LazyFunction(timezone.now)


def substantiated(outcome, *answers: str) -> list:
    """Ask one person per answer about `outcome`; each answered (e.g. "fully", "partly",
    "not_at_all"), or not answered for None."""
    rows = []
    for agreement in answers:
        rows.append(
            SubstantiatorFactory(
                outcome=outcome,
                agreement=agreement or "",
                answered_at=timezone.now() if agreement else None,
            )
        )
    return rows
