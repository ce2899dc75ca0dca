"""Visa support's writes: details checked and audited without content, letters made once per
inputs, removal after VISA_DETAILS_KEEP_DAYS (not before, twice-run safe) and on erasure,
and "my data" showing the person's own passport details only."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.models import AuditEntry
from convenings.models import VisaDetails, VisaLetter
from convenings.services import visa as visa_services
from convenings.tasks import remove_expired_visa_details
from participants.erasure import erase_person

from .visa_helpers import accepted, choices, thai_convening, with_details

pytestmark = pytest.mark.django_db


@pytest.fixture
def convening():
    return thai_convening()


@pytest.fixture
def invitation(convening, participant):
    return accepted(convening, participant)


def test_bad_details_are_refused_field_by_field(invitation):
    with pytest.raises(ValidationError) as caught:
        with_details(
            invitation,
            nationality="XX",
            passport_name="  ",
            passport_expiry=invitation.convening.start_date,
        )
    errors = caught.value.message_dict
    assert set(errors) == {"nationality", "passport_name", "passport_expiry"}
    assert not VisaDetails.objects.exists()


def test_details_are_audited_by_field_name_never_by_value(invitation, staff_user):
    with_details(invitation, by=staff_user, passport_name="Nguyễn Thị Passport")
    with_details(
        invitation, by=staff_user, passport_name="Nguyen Thi Passport", passport_number="Z9"
    )
    entries = list(AuditEntry.objects.filter(action="visa.details_saved").order_by("id"))
    assert [e.changes["created"] for e in entries] == [True, False]
    assert entries[1].changes["fields"] == ["passport_name", "passport_number"]
    blob = json.dumps([[e.changes, e.object_label] for e in entries], ensure_ascii=False)
    assert "Passport" not in blob
    assert "X1234567" not in blob
    assert "Z9" not in blob


def test_saving_the_same_details_again_writes_nothing(invitation, staff_user):
    with_details(invitation, by=staff_user)
    with_details(invitation, by=staff_user)
    assert AuditEntry.objects.filter(action="visa.details_saved").count() == 1


def test_a_letter_is_made_once_for_the_same_inputs_and_audited(invitation, staff_user):
    with_details(invitation)
    first, created = visa_services.generate_visa_letter(
        invitation=invitation, by=staff_user, choices=choices()
    )
    again, created_again = visa_services.generate_visa_letter(
        invitation=invitation, by=staff_user, choices=choices()
    )
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    other, created_other = visa_services.generate_visa_letter(
        invitation=invitation, by=staff_user, choices=choices(second_language="")
    )
    assert created_other
    assert other.pk != first.pk
    entries = AuditEntry.objects.filter(action="visa.letter_generated").order_by("id")
    assert [e.changes["languages"] for e in entries] == [["en", "th"], ["en"]]
    assert all(e.actor == staff_user for e in entries)
    assert "Siriporn" not in json.dumps([e.changes for e in entries])


def test_a_letter_without_a_passport_name_or_number_is_refused(invitation, staff_user):
    with pytest.raises(ValidationError):
        visa_services.generate_visa_letter(invitation=invitation, by=staff_user, choices=choices())
    with_details(invitation, letter_requested=False, passport_number="", passport_name="Siriporn")
    with pytest.raises(ValidationError):
        visa_services.generate_visa_letter(invitation=invitation, by=staff_user, choices=choices())
    assert not VisaLetter.objects.exists()


def test_the_second_language_must_be_the_host_countrys(invitation, staff_user):
    with_details(invitation)
    with pytest.raises(ValidationError):
        visa_services.generate_visa_letter(
            invitation=invitation, by=staff_user, choices=choices(second_language="ms")
        )


# --- Retention -------------------------------------------------------------------------------


def _ended(convening, days_ago: int):
    convening.end_date = dt.date.today() - dt.timedelta(days=days_ago)
    convening.start_date = convening.end_date - dt.timedelta(days=1)
    convening.save()


@pytest.mark.parametrize("keep_days", [30, 5])
def test_retention_removes_details_after_the_set_time_and_not_before(
    keep_days, invitation, staff_user, settings, django_capture_on_commit_callbacks
):
    settings.VISA_DETAILS_KEEP_DAYS = keep_days
    with_details(invitation)
    letter, _created = visa_services.generate_visa_letter(
        invitation=invitation, by=staff_user, choices=choices()
    )
    path = letter.file.name
    other = accepted(thai_convening(title="Still upcoming"))
    with_details(other)
    convening = invitation.convening
    _ended(convening, keep_days - 1)
    assert visa_services.removal_date(convening) == dt.date.today() + dt.timedelta(days=1)
    assert remove_expired_visa_details.delay().get() == {"details": 0, "letters": 0}
    assert VisaDetails.objects.count() == 2
    assert VisaLetter.objects.count() == 1

    _ended(convening, keep_days)
    with django_capture_on_commit_callbacks(execute=True):
        result = remove_expired_visa_details.delay().get()
    assert result == {"details": 1, "letters": 1}
    assert list(VisaDetails.objects.values_list("invitation", flat=True)) == [other.pk]
    assert not VisaLetter.objects.exists()
    assert not default_storage.exists(path)
    entry = AuditEntry.objects.get(action="visa.details_removed")
    assert entry.object_id == str(convening.pk)
    assert entry.changes == {
        "visa_details_removed": 1,
        "visa_letters_removed": 1,
        "kept_days": keep_days,
    }
    # Twice-run safe: nothing more is removed, nothing more is audited.
    assert remove_expired_visa_details.delay().get() == {"details": 0, "letters": 0}
    assert AuditEntry.objects.filter(action="visa.details_removed").count() == 1


def test_staff_see_when_details_will_be_removed(invitation, staff_client, settings):
    settings.VISA_DETAILS_KEEP_DAYS = 30
    with_details(invitation)
    response = staff_client.get(
        reverse("convenings:staff-visa", args=[invitation.convening.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    removal = invitation.convening.end_date + dt.timedelta(days=30)
    assert response.context["removal_date"] == removal
    assert "removed on" in response.content.decode()


# --- "My data" and erasure --------------------------------------------------------------------


def test_my_data_shows_own_passport_details_and_never_anyone_elses(invitation, participant_client):
    with_details(invitation, passport_name="Siriporn Passportname")
    someone = accepted(invitation.convening)
    with_details(someone, passport_name="Other Passportholder", passport_number="OTHER999")
    data = participant_client.get(reverse("accounts:portal-my-data")).content.decode()
    assert "Siriporn Passportname" in data
    assert "X1234567" in data
    assert "Other Passportholder" not in data
    assert "OTHER999" not in data
    page = participant_client.get(reverse("accounts:portal-my-data-page")).content.decode()
    assert "Siriporn Passportname" in page
    assert "Other Passportholder" not in page


def test_erasure_removes_visa_details_and_letters(
    invitation, staff_user, admin_user, django_capture_on_commit_callbacks
):
    with_details(invitation)
    letter, _created = visa_services.generate_visa_letter(
        invitation=invitation, by=staff_user, choices=choices()
    )
    path = letter.file.name
    someone = accepted(invitation.convening)
    with_details(someone, passport_name="Kept Person")
    with django_capture_on_commit_callbacks(execute=True):
        counts = erase_person(participant=invitation.participant, by=admin_user)
    assert counts["visa details removed"] == 1
    assert counts["visa letters removed"] == 1
    assert list(VisaDetails.objects.values_list("passport_name", flat=True)) == ["Kept Person"]
    assert not VisaLetter.objects.exists()
    assert not default_storage.exists(path)


def test_withdrawn_invitees_details_are_removed_too(invitation, settings):
    settings.VISA_DETAILS_KEEP_DAYS = 0
    with_details(invitation)
    invitation.withdrawn_at = dt.datetime.now(dt.UTC)
    invitation.save()
    _ended(invitation.convening, 0)
    assert visa_services.remove_expired_visa_details()["details"] == 1
