"""The world of the identity-protection tests: the people of people.py, invited to one
past Chatham House convening (the hidden person invited nowhere).
"""

from __future__ import annotations

import pytest

from accounts import services as account_services
from convenings.models import InvitationStatus
from participants.models import Sector, Visibility
from tests import factories
from tests.engagement.factories import past_convening
from tests.security.identity.people import HIDDEN


@pytest.fixture
def w(db):
    th = factories.CountryFactory(code="TH")
    my = factories.CountryFactory(code="MY")
    au = factories.CountryFactory(code="AU")
    nz = factories.CountryFactory(code="NZ")
    idn = factories.CountryFactory(code="ID")
    staff = factories.UserFactory(email="staff@example.org")
    account_services.set_role(user=staff, role="staff")
    admin = factories.UserFactory(email="admin@example.org")
    account_services.set_role(user=admin, role="admin")
    hidden_user = factories.UserFactory(email="hemi@example.org", name=HIDDEN)
    hidden = factories.ParticipantFactory(
        user=hidden_user,
        email="hemi@example.org",
        full_name=HIDDEN,
        display_name="Koru Shade",
        other_names="เฮมิ ตามาเตอา",
        visibility=Visibility.HIDDEN,
        country=au,
        sector=Sector.LIVED_EXPERIENCE,
        organisation=factories.OrganisationFactory(name="Harbourstone Shelter Trust", country=au),
    )
    river_user = factories.UserFactory(email="river@example.org")
    river = factories.ParticipantFactory(
        user=river_user,
        email="river@example.org",
        full_name="Pimchanok Lanternveil",
        display_name="River",
        visibility=Visibility.PSEUDONYMOUS,
        country=nz,
    )
    viewer_user = factories.UserFactory(email="somchai@example.org")
    somchai = factories.ParticipantFactory(
        user=viewer_user, email="somchai@example.org", full_name="Somchai Jaidee", country=th
    )
    aminah = factories.ParticipantFactory(
        full_name="Aminah Rahman",
        country=my,
        sector=Sector.GOVERNMENT,
        position="Case Management Lead",
    )
    budi = factories.ParticipantFactory(full_name="Budi Santoso", country=idn)
    convening = past_convening(title="Convening X", host_country=th, chatham_house=True)
    for person in (somchai, river, aminah):
        factories.InvitationFactory(
            convening=convening, participant=person, status=InvitationStatus.ATTENDED
        )
    return {
        "staff": staff,
        "admin": admin,
        "hidden": hidden,
        "river": river,
        "somchai": somchai,
        "aminah": aminah,
        "budi": budi,
        "convening": convening,
        "th": th,
        "my": my,
    }
