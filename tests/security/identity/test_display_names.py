"""Nobody can take someone else's name or pseudonym; namesakes may both use their real name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from participants import services as participant_services
from participants.models import Participant, Sector, Visibility
from tests.security.identity.people import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("taken", ["River", "RIVER", "Rívér", "Budi Santoso", "budi  santoso"])
def test_a_participant_cannot_take_someone_elses_name_or_pseudonym(w, taken):
    client = signed_in(w["somchai"].user)
    response = client.post(
        reverse("participants:portal-profile"),
        {"preferred_language": "en", "display_name": taken, "visibility": "pseudonymous"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "another participant" in response.content.decode()
    assert Participant.objects.get(pk=w["somchai"].pk).display_name == "Somchai Jaidee"


def test_staff_cannot_give_a_new_person_a_taken_pseudonym(w):
    with pytest.raises(participant_services.ParticipantError):
        participant_services.create_participant(
            by=w["staff"],
            full_name="Someone New",
            display_name="river",
            email="new@example.org",
            country=w["th"],
            sector=Sector.ACADEMIA,
            visibility=Visibility.PSEUDONYMOUS,
        )


def test_namesakes_may_both_use_their_real_name(w):
    participant_services.create_participant(
        by=w["staff"],
        full_name="Budi Santoso",
        email="budi.two@example.org",
        country=w["th"],
        sector=Sector.ACADEMIA,
    )
