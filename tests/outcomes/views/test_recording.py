"""Recording outcomes and challenges: evidence, champions and frameworks, errors tied to
fields, audited edits, who may be named, evidence judged by content, a stale form.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from outcomes.models import ChallengeLesson, Outcome
from tests import factories as core
from tests.outcomes import factories
from tests.outcomes.factories import outcome_form_data

pytestmark = pytest.mark.django_db


def test_outcome_list_filters(staff_client):
    th = core.CountryFactory(code="TH")
    factories.OutcomeFactory(country=th, title="Thai reform", kind="national_reform")
    factories.OutcomeFactory(
        country=None, is_regional=True, title="Regional statement", kind="regional_cooperation"
    )
    factories.OutcomeFactory(
        country=th, title="Old one", date="2020-02-02", verification="substantiated"
    )
    page = staff_client.get(
        reverse("outcomes:staff-list"), {"country": "regional"}
    ).content.decode()
    assert "Regional statement" in page
    assert "Thai reform" not in page
    page = staff_client.get(reverse("outcomes:staff-list"), {"year": "2020"}).content.decode()
    assert "Old one" in page
    assert "Thai reform" not in page
    page = staff_client.get(
        reverse("outcomes:staff-list"), {"verification": "substantiated", "kind": "national_reform"}
    ).content.decode()
    assert "Old one" in page
    assert "Thai reform" not in page


def test_staff_records_an_outcome_with_evidence_champions_and_frameworks(staff_client, staff_user):
    champion = core.ParticipantFactory()
    convening = core.ConveningFactory()
    commitment = factories.FrameworkCommitmentFactory()
    response = staff_client.post(
        reverse("outcomes:staff-create"),
        outcome_form_data(
            champions=[champion.pk], convenings=[convening.pk], frameworks=[commitment.pk]
        ),
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert outcome.is_regional
    assert outcome.country is None
    assert outcome.title_th == "ผู้ผลักดันนำโครงการนำร่อง"
    assert list(outcome.champions.all()) == [champion]
    assert list(outcome.convenings.all()) == [convening]
    assert list(outcome.frameworks.all()) == [commitment]
    assert outcome.evidence.get().url == "https://example.org/pilot"
    assert outcome.created_by == staff_user
    entry = AuditEntry.objects.get(action="outcome.created")
    assert entry.object_id == str(outcome.pk)


def test_outcome_form_errors_are_tied_to_fields(staff_client):
    response = staff_client.post(
        reverse("outcomes:staff-create"),
        outcome_form_data(title_en="", **{"evidence-0-url": ""}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_title_en_error"' in page
    assert 'aria-invalid="true"' in page
    assert "Give the link." in page
    assert not Outcome.objects.exists()


def test_editing_an_outcome_is_audited(staff_client, outcome):
    outcome_title = outcome.title
    response = staff_client.post(
        reverse("outcomes:staff-edit", args=[outcome.pk]),
        outcome_form_data(
            country=str(outcome.country_id), title_en="Renamed", **{"evidence-TOTAL_FORMS": "0"}
        ),
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.title_en == "Renamed"
    assert not outcome.is_regional
    entry = AuditEntry.objects.get(action="outcome.updated")
    assert entry.changes["title"] == [outcome_title, "Renamed"]


def test_staff_records_a_challenge(staff_client):
    response = staff_client.post(
        reverse("outcomes:challenge-create"),
        {
            "category": "resources",
            "year": "2024",
            "what_happened_en": "Funding ran short.",
            "response_en": "We shared costs.",
        },
    )
    assert response.status_code == 302
    item = ChallengeLesson.objects.get()
    assert item.year == 2024
    assert item.what_happened_en == "Funding ran short."
    page = staff_client.get(reverse("outcomes:challenges")).content.decode()
    assert "Funding ran short." in page


def test_champion_choices_say_who_may_be_named(staff_client):
    core.ParticipantFactory(full_name="Named Person", consent_named_in_reports=True)
    core.ParticipantFactory(full_name="Quiet Person", consent_named_in_reports=False)
    url = reverse("outcomes:staff-champion-search")
    page = staff_client.get(url, {"champion_q": "person"}).content.decode()
    assert re.search(r"Named Person · [^<]* · named in reports", page)
    assert re.search(r"Quiet Person · [^<]* · described, not named", page)


def test_evidence_upload_is_judged_by_content_not_name(db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from outcomes.forms import EvidenceForm

    renamed_exe = SimpleUploadedFile(
        "minutes.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf"
    )
    form = EvidenceForm(
        data={"kind": "file", "description": "Minutes"}, files={"file": renamed_exe}
    )
    assert not form.is_valid()
    assert "file" in form.errors

    from tests.briefings.factories import FAKE_PDF_BYTES, PDF_BYTES

    fake_pdf = SimpleUploadedFile("minutes.pdf", FAKE_PDF_BYTES, "application/pdf")
    form = EvidenceForm(data={"kind": "file", "description": "Minutes"}, files={"file": fake_pdf})
    assert not form.is_valid()
    assert "This file starts like a PDF but cannot be opened as one" in form.errors["file"][0]

    real_pdf = SimpleUploadedFile("minutes.pdf", PDF_BYTES, "application/pdf")
    form = EvidenceForm(data={"kind": "file", "description": "Minutes"}, files={"file": real_pdf})
    assert form.is_valid(), form.errors


def test_saving_a_stale_form_whose_evidence_was_deleted_meanwhile_says_so(
    staff_client, outcome, staff_user
):
    # Two tabs: one deletes the evidence, the other still shows it and saves the outcome.
    from operations.trash import delete_object

    evidence = outcome.evidence.create(
        kind="link", url="https://example.org/a", description="Launch notice"
    )
    delete_object(obj=evidence, by=staff_user)
    response = staff_client.post(
        reverse("outcomes:staff-edit", args=[outcome.pk]),
        outcome_form_data(
            country=str(outcome.country_id),
            title_en="Renamed",
            **{
                "evidence-INITIAL_FORMS": "1",
                "evidence-0-id": str(evidence.pk),
                "evidence-0-url": "https://example.org/a",
            },
        ),
    )
    assert response.status_code == 200
    assert "This evidence was deleted in the meantime" in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.title_en != "Renamed"
