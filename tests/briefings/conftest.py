"""Fixtures for the briefings tests: a convening with an invited and an uninvited person."""

import pytest
from django.test import Client

from briefings import pdf
from briefings.models import BriefingStatus
from convenings.models import InvitationStatus
from tests import factories
from tests.briefings.factories import PDF_BYTES, BriefingFactory, upload


@pytest.fixture
def fast_pdf(monkeypatch):
    """Rendering replaced by fixed bytes where a test is about access, not layout."""
    calls = []

    def fake(*, briefing, language):
        calls.append((briefing.pk, language))
        # A real PDF (uploads are parsed), told apart by a comment after its end.
        return PDF_BYTES + b"%rendered " + language.encode()

    monkeypatch.setattr(pdf, "render_pdf", fake)
    return calls


@pytest.fixture
def convening(db):
    return factories.ConveningFactory(title_en="Bangkok convening", title_th="การประชุมกรุงเทพฯ")


@pytest.fixture
def invitation(participant, convening):
    return factories.InvitationFactory(
        participant=participant, convening=convening, status=InvitationStatus.ACCEPTED
    )


@pytest.fixture
def outsider_client(db):
    user = factories.UserFactory(email="outsider@example.org")
    factories.ParticipantFactory(user=user, email=user.email, full_name="Not Invited")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def briefing_set(convening, invitation, staff_user):
    """A convening's published briefing (with an English file), a draft, a platform-wide one."""
    from briefings import services

    own = BriefingFactory(convening=convening, title_en="Screening and referral")
    services.upload_briefing_file(
        briefing=own, language="en", upload=upload("x.pdf", PDF_BYTES), by=staff_user
    )
    draft = BriefingFactory(convening=convening, status=BriefingStatus.DRAFT, title_en="Draft")
    platform = BriefingFactory(convening=None, title_en="Best interests assessment")
    other_convening = factories.ConveningFactory()
    elsewhere = BriefingFactory(convening=other_convening, title_en="Another convening's briefing")
    return {"own": own, "draft": draft, "platform": platform, "elsewhere": elsewhere}


@pytest.fixture
def forget_broker_pools():
    """After the test, drop kombu's process-wide connection pools.

    `live_broker` closes the app's pool on teardown, but kombu keeps that closed pool
    registered under the broker URL, so the next test publishing to the same Redis would
    get "Acquire on closed pool". Set up before `celery_worker`, this runs after its
    teardown. (The shared `reset_broker_connections` would be the place to fix it for all.)
    """
    yield
    from kombu import pools

    pools.reset()
