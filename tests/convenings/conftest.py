"""Fixtures for convenings tests: a convening the `participant` fixture is invited to and
one they are not."""

from __future__ import annotations

import pytest

from participants.models import Visibility
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


@pytest.fixture
def shy_invitees(convening):
    """A hidden and a pseudonymous invitee, and a named one who may be named."""

    hidden = factories.ParticipantFactory(
        full_name="Harun Hidayat", display_name="Harun H.", visibility=Visibility.HIDDEN
    )
    pseudo = factories.ParticipantFactory(
        full_name="Siti Rahmawati", display_name="River", visibility=Visibility.PSEUDONYMOUS
    )
    named = factories.ParticipantFactory(full_name="Nadia Named", display_name="Nadia Named")
    for person in (hidden, pseudo, named):
        factories.InvitationFactory(convening=convening, participant=person)
    return hidden, pseudo, named
