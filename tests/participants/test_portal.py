"""'My profile': a participant changes only their own record, consents get dates."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEntry
from participants.models import Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

URL = reverse("participants:portal-profile")


def post(client, **overrides):
    data = {"preferred_language": "en", "display_name": "Siriporn", "visibility": "named"}
    data.update(overrides)
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


def test_profile_changes_only_my_record(participant_client, participant):
    other = ParticipantFactory(full_name="Other Person", display_name="Other Person")
    response = post(
        participant_client,
        display_name="Ploy",
        visibility="pseudonymous",
        consent_quoted="on",
        # Extra fields naming someone else are ignored: the page is about the signed-in person.
        participant=other.pk,
        email="hijack@example.org",
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    other.refresh_from_db()
    assert (participant.display_name, participant.visibility) == ("Ploy", "pseudonymous")
    assert participant.email == "participant@example.org"
    assert participant.consent_quoted is True
    assert participant.consent_quoted_at is not None
    assert (other.display_name, other.visibility, other.consent_quoted) == (
        "Other Person",
        "named",
        False,
    )
    assert list(AuditEntry.objects.values_list("object_id", flat=True)) == [str(participant.pk)]


def test_consent_dates_are_shown_and_kept(participant_client, participant):
    post(participant_client, consent_contact="on")
    given = Participant.objects.get(pk=participant.pk).consent_contact_at
    post(participant_client, consent_contact="on", consent_photographed="on")
    participant.refresh_from_db()
    assert participant.consent_contact_at == given  # unchanged consent keeps its date
    assert participant.consent_photographed_at is not None
    page = participant_client.get(URL).content.decode()
    assert "Given on" in page
    assert "Not given yet" in page

    post(participant_client, consent_contact=None, consent_photographed="on")
    participant.refresh_from_db()
    assert participant.consent_contact is False
    assert participant.consent_contact_at > given
    assert "Not given; last changed on" in participant_client.get(URL).content.decode()


def test_language_change_follows_the_account(participant_client, participant):
    response = post(participant_client, preferred_language="th")
    assert response.status_code == 302
    participant.user.refresh_from_db()
    assert participant.user.language == "th"
    page = participant_client.get(URL)
    assert page.content.decode().startswith("<!DOCTYPE html>")
    assert '<html lang="th">' in page.content.decode()
    translation.activate("en")


def test_pseudonym_must_not_be_my_name(participant_client, participant):
    response = post(participant_client, display_name="Siriporn Example", visibility="pseudonymous")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_display_name_error"' in page
    participant.refresh_from_db()
    assert participant.visibility == "named"


def test_visibility_choices_are_explained(participant_client):
    page = participant_client.get(URL).content.decode()
    assert "see only your display name" in page
    assert "You do not appear on any attendee list" in page


def test_time_zone_is_proposed_from_the_country_and_editable(participant_client, participant):
    from tests.factories import CountryFactory

    participant.country = CountryFactory(code="NZ")
    participant.time_zone = ""
    participant.save()
    page = participant_client.get(URL)
    assert '<option value="Pacific/Auckland" selected>' in page.text
    assert post(participant_client, time_zone="Australia/Perth").status_code == 302
    participant.refresh_from_db()
    assert participant.time_zone == "Australia/Perth"
    refused = post(participant_client, time_zone="Mars/Olympus_Mons")
    assert refused.status_code == 200
    participant.refresh_from_db()
    assert participant.time_zone == "Australia/Perth"


def test_new_participants_get_their_countrys_zone(db, staff_user):
    from participants import services
    from tests.factories import CountryFactory

    made = services.create_participant(
        by=staff_user,
        full_name="Aroha Example",
        email="aroha@example.org",
        country=CountryFactory(code="NZ"),
        sector="government",
    )
    assert made.time_zone == "Pacific/Auckland"


def test_staff_set_or_repropose_a_participants_zone(db, staff_user):
    from participants import services
    from tests.factories import CountryFactory

    person = services.create_participant(
        by=staff_user,
        full_name="Perth Person",
        email="perth@example.org",
        country=CountryFactory(code="AU"),
        sector="government",
        time_zone="Australia/Perth",
    )
    assert person.time_zone == "Australia/Perth"
    services.update_participant(
        participant=person, by=staff_user, time_zone="", country=CountryFactory(code="NZ")
    )
    assert person.time_zone == "Pacific/Auckland"
    with pytest.raises(services.ParticipantError):
        services.update_participant(participant=person, by=staff_user, time_zone="Mars/Base")
