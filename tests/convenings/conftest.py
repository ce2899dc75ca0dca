"""Fixtures for convenings tests: a convening the `participant` fixture is invited to and
one they are not."""

from __future__ import annotations

import pytest

from tests import factories

from .factories import open_convening


@pytest.fixture
def convening(db):
    return open_convening(title="Bangkok convening")


@pytest.fixture
def invitation(convening, participant):
    return factories.InvitationFactory(convening=convening, participant=participant)


@pytest.fixture
def other_convening(db):
    """A convening the `participant` fixture is not invited to, with people and content."""
    other = open_convening(title="Secret other convening")
    factories.InvitationFactory(convening=other, status="accepted")
    factories.AgendaSessionFactory(convening=other, title="Other session")
    factories.SiteVisitFactory(convening=other, programme="Other visit")
    return other
