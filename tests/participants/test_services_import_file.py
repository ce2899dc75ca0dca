"""Saving an import: everyone or nobody, checked again at commit, only from its own preview."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from participants.models import Organisation, Participant
from participants.views.staff import IMPORT_SESSION_KEY
from tests.factories import CountryFactory, OrganisationFactory, ParticipantFactory
from tests.participants.import_files import (
    GOOD_ROWS,
    commit,
    csv_file,
    upload,
    xlsx_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_countries")]


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_a_good_file_imports_everyone(staff_client, staff_user, make_file):
    OrganisationFactory(name="Sang Fah Example", country=CountryFactory(code="TH"))
    response = upload(staff_client, make_file(*GOOD_ROWS))
    assert response.status_code == 200
    assert "3 participants are ready to import" in response.content.decode()
    # Only the organisation not yet in the directory is marked as one to add.
    assert response.content.decode().count("new organisation") == 1
    assert Participant.objects.count() == 0  # the preview saves nothing

    response = commit(staff_client)

    assert response.status_code == 302
    assert Participant.objects.count() == 3
    nattaya = Participant.objects.get(email="nattaya@example.org")
    assert nattaya.organisation.name == "Sang Fah Example"  # existing one reused
    assert nattaya.preferred_language == "th"  # blank: the country's language
    budi = Participant.objects.get(email="budi@example.org")
    assert budi.country.code == "ID"
    assert budi.sector == "government"
    assert budi.organisation.sector == "government"  # created on import
    assert budi.organisation.country.code == "ID"
    melati = Participant.objects.get(email="melati@example.org")
    assert melati.visibility == "pseudonymous"
    assert melati.organisation is None
    assert Organisation.objects.count() == 2
    assert AuditEntry.objects.filter(action="participant.imported", actor=staff_user).count() == 3
    assert IMPORT_SESSION_KEY not in staff_client.session


def test_commit_checks_again_and_imports_nothing_when_the_directory_changed(staff_client):
    upload(staff_client, csv_file(*GOOD_ROWS))
    ParticipantFactory(email="melati@example.org")  # added by a colleague meanwhile

    response = commit(staff_client)

    assert response.status_code == 409
    assert "Row 4:" in response.content.decode()
    assert (
        Participant.objects.filter(email__in=["nattaya@example.org", "budi@example.org"]).count()
        == 0
    )


def test_commit_needs_the_token_of_this_preview(staff_client):
    upload(staff_client, csv_file(*GOOD_ROWS))
    response = staff_client.post(reverse("participants:staff-import-commit"), {"token": "guess"})
    assert response.status_code == 302
    assert Participant.objects.count() == 0


def test_a_race_on_the_unique_address_imports_nothing(staff_client, monkeypatch):
    from django.db import IntegrityError

    from participants import services

    upload(staff_client, csv_file(*GOOD_ROWS))

    def racing(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: participants_participant.email")

    monkeypatch.setattr(services, "import_participants", racing)
    response = commit(staff_client)
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:staff-import")
    assert Participant.objects.count() == 0
