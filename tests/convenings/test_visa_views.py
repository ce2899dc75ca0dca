"""Visa pages: who may open what (another person's or convening's letter answers 404), bad
input answered next to the field in the reader's language, generation confirmed first and
made once, and the staff list's queries pinned with 1 and 3 people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from convenings.models import InvitationStatus, VisaDetails, VisaLetter
from convenings.services import visa as visa_services
from tests import factories

from .visa_helpers import accepted, choices, thai_convening, with_details

pytestmark = pytest.mark.django_db


@pytest.fixture
def convening():
    return thai_convening()


@pytest.fixture
def invitation(convening, participant):
    return accepted(convening, participant)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _letter_for(invitation, staff_user):
    with_details(invitation)
    letter, _created = visa_services.generate_visa_letter(
        invitation=invitation, by=staff_user, choices=choices()
    )
    return letter


# --- Access ----------------------------------------------------------------------------------


def test_participant_a_cannot_fetch_b_letter_nor_another_convenings(
    invitation, participant_client, staff_user
):
    mine = _letter_for(invitation, staff_user)
    b = accepted(invitation.convening)
    theirs = _letter_for(b, staff_user)
    elsewhere = accepted(thai_convening(title="Elsewhere"), invitation.participant)
    other_convening_letter = _letter_for(elsewhere, staff_user)
    own = reverse("convenings:portal-visa-letter", args=[invitation.convening.pk, mine.pk])
    response = participant_client.get(own)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # B's letter through A's convening, and A's own letter of another convening through this one.
    for letter in (theirs, other_convening_letter):
        url = reverse("convenings:portal-visa-letter", args=[invitation.convening.pk, letter.pk])
        assert participant_client.get(url).status_code == 404
    # A convening A is not invited to.
    url = reverse("convenings:portal-visa-letter", args=[b.convening.pk + 999, theirs.pk])
    assert participant_client.get(url).status_code == 404


def test_staff_only_generate_and_see_letters(
    invitation, participant_client, staff_user, other_user
):
    with_details(invitation)
    new = reverse("convenings:staff-visa-letter-new", args=[invitation.convening.pk, invitation.pk])
    form = {
        "second_language": "th",
        "travel_paid_by": "organisers",
        "accommodation_paid_by": "organisers",
        "meals_paid_by": "organisers",
        "signatory_name": "Amara",
        "signatory_title": "Coordinator",
        "confirm": "1",
    }
    assert participant_client.post(new, form).status_code == 403
    assert _client(other_user).post(new, form).status_code == 403
    assert Client().post(new, form).status_code == 302  # to sign-in
    assert not VisaLetter.objects.exists()
    letter = _letter_for(invitation, staff_user)
    staff_url = reverse("convenings:staff-visa-letter", args=[invitation.convening.pk, letter.pk])
    assert participant_client.get(staff_url).status_code == 403
    assert _client(staff_user).get(staff_url).status_code == 200
    # Staff asking through another convening: 404.
    other = thai_convening(title="Another")
    url = reverse("convenings:staff-visa-letter", args=[other.pk, letter.pk])
    assert _client(staff_user).get(url).status_code == 404
    url = reverse("convenings:staff-visa-person", args=[other.pk, invitation.pk])
    assert _client(staff_user).get(url).status_code == 404


@pytest.mark.parametrize(
    "name",
    ["convenings:portal-visa"],
)
def test_portal_visa_page_only_for_the_invitee(name, invitation, participant_client, convening):
    assert participant_client.get(reverse(name, args=[convening.pk])).status_code == 200
    other = thai_convening(title="Not mine")
    assert participant_client.get(reverse(name, args=[other.pk])).status_code == 404


def test_portal_visa_page_waits_for_acceptance(convening, participant, participant_client):
    factories.InvitationFactory(convening=convening, participant=participant)
    response = participant_client.get(reverse("convenings:portal-visa", args=[convening.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("convenings:portal-detail", args=[convening.pk])
    page = participant_client.get(reverse("convenings:portal-detail", args=[convening.pk]))
    assert reverse("convenings:portal-visa", args=[convening.pk]) not in page.content.decode()


def test_convening_page_links_to_visa_once_accepted(invitation, participant_client):
    page = participant_client.get(
        reverse("convenings:portal-detail", args=[invitation.convening.pk])
    )
    assert (
        reverse("convenings:portal-visa", args=[invitation.convening.pk]) in page.content.decode()
    )


def test_withdrawn_invitee_gets_404(invitation, participant_client):
    invitation.withdrawn_at = dt.datetime.now(dt.UTC)
    invitation.save()
    url = reverse("convenings:portal-visa", args=[invitation.convening.pk])
    assert participant_client.get(url).status_code == 404


# --- Bad input, in the reader's language --------------------------------------------------------


def test_bad_details_get_translated_messages_next_to_the_field(invitation, participant_client):
    participant = invitation.participant
    participant.preferred_language = "id"
    participant.save()
    url = reverse("convenings:portal-visa", args=[invitation.convening.pk])
    response = participant_client.post(
        url,
        {
            "visa_needed": "on",
            "letter_requested": "on",
            "nationality": "Atlantis",
            "passport_name": "",
            "passport_number": "",
            "passport_expiry": (invitation.convening.start_date - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    with translation.override("id"):
        expected_country = gettext("Choose a country from the list.")
        expected_name = gettext(
            "Write your name exactly as it is in your passport: the letter needs it."
        )
    assert expected_country != "Choose a country from the list."
    assert errors["nationality"] == [expected_country]
    assert errors["passport_name"] == [expected_name]
    assert set(errors) == {"nationality", "passport_name", "passport_expiry"}
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert not VisaDetails.objects.exists()


def test_participant_saves_details_in_thai_script(invitation, participant_client):
    url = reverse("convenings:portal-visa", args=[invitation.convening.pk])
    response = participant_client.post(
        url,
        {
            "visa_needed": "on",
            "letter_requested": "on",
            "nationality": "TH",
            "passport_name": "ศิริพร วงศ์สวัสดิ์",
            "passport_number": "AA123",
            "passport_expiry": "2031-01-01",
        },
    )
    assert response.status_code == 302
    details = VisaDetails.objects.get()
    assert (details.passport_name, details.nationality, details.participant) == (
        "ศิริพร วงศ์สวัสดิ์",
        "TH",
        invitation.participant,
    )


def test_details_of_a_past_convening_cannot_be_changed(invitation, participant_client):
    with_details(invitation)
    convening = invitation.convening
    VisaDetails.objects.update(passport_expiry=dt.date(2040, 1, 1))
    type(convening).objects.filter(pk=convening.pk).update(
        start_date=dt.date.today() - dt.timedelta(days=5),
        end_date=dt.date.today() - dt.timedelta(days=4),
        status="held",
    )
    invitation.status = InvitationStatus.ATTENDED
    invitation.save()
    url = reverse("convenings:portal-visa", args=[convening.pk])
    participant_client.post(url, {"passport_name": "Changed", "nationality": "TH"})
    assert VisaDetails.objects.get().passport_name == "Siriporn Example"


# --- Generation is confirmed, made once --------------------------------------------------------


def test_generation_shows_the_letter_then_makes_it_once(invitation, staff_client):
    with_details(invitation, passport_name="Siriporn Passport")
    url = reverse("convenings:staff-visa-letter-new", args=[invitation.convening.pk, invitation.pk])
    form = {
        "second_language": "th",
        "travel_paid_by": "organisers",
        "accommodation_paid_by": "participant",
        "meals_paid_by": "organisers",
        "signatory_name": "Amara Secretariat",
        "signatory_title": "Regional Coordinator",
    }
    preview = staff_client.post(url, form)
    assert preview.status_code == 200
    assert "Siriporn Passport" in preview.content.decode()
    assert 'name="confirm" value="1"' in preview.content.decode()
    assert not VisaLetter.objects.exists()
    first = staff_client.post(url, {**form, "confirm": "1"})
    second = staff_client.post(url, {**form, "confirm": "1"})
    assert first.status_code == second.status_code == 302
    assert VisaLetter.objects.count() == 1


def test_generation_without_passport_name_is_refused_with_a_message(invitation, staff_client):
    with_details(invitation, letter_requested=False, passport_name="")
    url = reverse("convenings:staff-visa-letter-new", args=[invitation.convening.pk, invitation.pk])
    response = staff_client.post(
        url,
        {
            "second_language": "",
            "travel_paid_by": "organisers",
            "accommodation_paid_by": "organisers",
            "meals_paid_by": "organisers",
            "signatory_name": "Amara",
            "signatory_title": "Coordinator",
        },
    )
    assert response.status_code == 200
    assert response.context["refused"]
    assert not VisaLetter.objects.exists()


def test_staff_correct_details(invitation, staff_client):
    with_details(invitation)
    url = reverse("convenings:staff-visa-person", args=[invitation.convening.pk, invitation.pk])
    response = staff_client.post(
        url,
        {
            "visa_needed": "on",
            "letter_requested": "on",
            "nationality": "MY",
            "passport_name": "Corrected Name",
            "passport_number": "X1",
            "passport_expiry": "2035-01-01",
        },
    )
    assert response.status_code == 302
    assert VisaDetails.objects.get().passport_name == "Corrected Name"


# --- Query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_staff_visa_list_queries(n, convening, staff_client, staff_user, django_assert_num_queries):
    visibilities = ["named", "pseudonymous", "hidden"]
    for i in range(n):
        invitation = accepted(convening, participant__visibility=visibilities[i])
        _letter_for(invitation, staff_user)
    accepted(convening)  # no details: not listed
    url = reverse("convenings:staff-visa", args=[convening.pk])
    staff_client.get(url)
    # user, participant record, groups (role), the convening with counts, the invitations with
    # details and letter counts, the figures
    with django_assert_num_queries(6):
        response = staff_client.get(url)
    assert len(response.context["invitations"]) == n
