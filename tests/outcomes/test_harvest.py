"""Outcome harvesting: a participant's report reaches staff as a draft and becomes an
outcome (or is merged, sent back, declined); the portal form keeps what was typed; evidence
uploads pass the same checks as every upload; nobody sees another's reports; protected
names are refused."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import AuditEntry
from convenings.models import ConveningStatus, InvitationStatus
from outcomes import harvest, harvest_mail
from outcomes.models import (
    Credit,
    EvidenceKind,
    HarvestMessage,
    Outcome,
    OutcomeSubmission,
    SubmissionStatus,
)
from participants.models import Visibility
from tests import factories as core
from tests.briefings.factories import ELF_BYTES, FAKE_PDF_BYTES, PDF_BYTES, upload

from . import factories

pytestmark = pytest.mark.django_db


def _form(**extra) -> dict:
    data = {
        "what_changed": "The immigration department stopped detaining children under 12.",
        "actor_kind": "government",
        "who_changed": "The Immigration Department",
        "date": "2024-06-01",
        "country": "",
        "significance": "Fewer children are held in detention centres.",
        "contribution": "Officials saw community placement on a site visit.",
        "evidence_url": "https://example.org/circular",
        "credit": Credit.DESCRIBED,
        "create_key": str(uuid.uuid4()),
    }
    data.update(extra)
    return data


@pytest.fixture
def attended(participant):
    convening = core.ConveningFactory(
        title="Bangkok 2023",
        start_date=dt.date(2023, 3, 1),
        end_date=dt.date(2023, 3, 2),
        status=ConveningStatus.HELD,
    )
    core.InvitationFactory(
        convening=convening, participant=participant, status=InvitationStatus.ATTENDED
    )
    return convening


def _submit(participant_client, **extra):
    return participant_client.post(reverse("outcomes:portal-harvest-new"), _form(**extra))


def test_a_participants_outcome_reaches_staff_as_a_draft_and_becomes_an_outcome(
    participant, participant_client, staff_client, staff_user, attended
):
    response = _submit(
        participant_client,
        convenings=[attended.pk],
        evidence_file=upload("circular.pdf", PDF_BYTES),
    )
    assert response.status_code == 302
    submission = OutcomeSubmission.objects.get()
    assert submission.participant == participant
    assert submission.status == SubmissionStatus.SUBMITTED
    assert list(submission.convenings.all()) == [attended]
    # Staff see it in the list and its count on the dashboard.
    page = staff_client.get(reverse("outcomes:staff-harvest")).content.decode()
    assert "stopped detaining children" in page
    assert "1 submission waits for review." in page
    dashboard = staff_client.get(reverse("convenings:staff-dashboard")).content.decode()
    assert "1 submission waits for review." in dashboard
    # Accepting opens the outcome form filled from the submission.
    accept = reverse("outcomes:staff-harvest-accept", args=[submission.pk])
    form_page = staff_client.get(accept).content.decode()
    assert "The Immigration Department" in form_page
    assert "Officials saw community placement" in form_page
    data = {
        "kind": "national_reform",
        "country": str(participant.country_id),
        "date": "2024-06-01",
        "verification": "reported",
        "title_en": "Children under 12 no longer detained",
        "what_changed_en": submission.what_changed,
        "convenings": [attended.pk],
        "create_key": str(uuid.uuid4()),
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    first = staff_client.post(accept, data)
    second = staff_client.post(accept, data)  # a double click
    assert first.status_code == second.status_code == 302
    outcome = Outcome.objects.get()  # one outcome
    assert (
        first["Location"] == second["Location"] == reverse("outcomes:staff-edit", args=[outcome.pk])
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    assert submission.outcome == outcome
    assert submission.reviewed_by == staff_user
    kinds = sorted(e.kind for e in outcome.evidence.all())
    assert kinds == [EvidenceKind.FILE, EvidenceKind.LINK]
    assert outcome.evidence.get(kind=EvidenceKind.LINK).url == "https://example.org/circular"
    assert outcome.evidence.get(kind=EvidenceKind.FILE).file.read() == PDF_BYTES
    assert (
        AuditEntry.objects.filter(action="harvest.accepted", object_id=str(submission.pk)).count()
        == 1
    )
    # The participant sees it accepted, and can no longer edit it.
    mine = participant_client.get(reverse("outcomes:portal-harvest")).content.decode()
    assert "Accepted as an outcome" in mine
    again = participant_client.post(
        reverse("outcomes:portal-harvest-edit", args=[submission.pk]), _form(what_changed="Edited")
    )
    assert again.status_code == 302
    submission.refresh_from_db()
    assert submission.what_changed.startswith("The immigration department")


def test_a_double_posted_portal_form_makes_one_submission(participant_client):
    data = _form()
    assert participant_client.post(reverse("outcomes:portal-harvest-new"), data).status_code == 302
    assert participant_client.post(reverse("outcomes:portal-harvest-new"), data).status_code == 302
    assert OutcomeSubmission.objects.count() == 1


def test_merge_makes_the_submission_a_source_with_its_evidence(
    participant, participant_client, staff_client, attended
):
    _submit(participant_client, convenings=[attended.pk])
    submission = OutcomeSubmission.objects.get()
    outcome = factories.OutcomeFactory(title="Thailand ends child detention")
    url = reverse("outcomes:staff-harvest-merge", args=[submission.pk])
    assert staff_client.post(url, {"outcome": outcome.pk}).status_code == 302
    assert staff_client.post(url, {"outcome": outcome.pk}).status_code == 302  # twice
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.MERGED
    assert list(outcome.submissions.all()) == [submission]
    assert [e.url for e in outcome.evidence.all()] == ["https://example.org/circular"]
    assert list(outcome.convenings.all()) == [attended]
    assert Outcome.objects.count() == 1
    # The outcome's page names the participant it came from, with their credit choice.
    page = staff_client.get(reverse("outcomes:staff-edit", args=[outcome.pk])).content.decode()
    assert "Reported by participants" in page
    assert participant.full_name in page
    assert "credit: Described, not named" in page


def test_decline_shows_the_note_in_the_participants_language_and_mails_once(
    participant, participant_client, staff_client, django_capture_on_commit_callbacks
):
    participant.preferred_language = "ms"
    participant.save()
    _submit(participant_client)
    submission = OutcomeSubmission.objects.get()
    url = reverse("outcomes:staff-harvest-decline", args=[submission.pk])
    mail.outbox.clear()
    note = {"decline-note": "It happened before the platform began."}
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, note).status_code == 302
        assert staff_client.post(url, note).status_code == 302  # a double click
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DECLINED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [participant.email]
    assert message.extra_headers["Content-Language"] == "ms"
    assert "It happened before the platform began." in message.body
    assert "Terima kasih" in message.body
    assert HarvestMessage.objects.get().status == "sent"
    # The schedule's retry of stuck messages sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        harvest_mail.invite_to_harvest(today=dt.date(2026, 1, 1))
    assert [m.body for m in mail.outbox].count(message.body) == 1
    page = participant_client.get(
        reverse("outcomes:portal-harvest-edit", args=[submission.pk]), HTTP_ACCEPT_LANGUAGE="ms"
    ).content.decode()
    assert "It happened before the platform began." in page
    assert "Ditolak" in page


def test_asked_for_changes_the_participant_edits_and_submits_again(
    participant, participant_client, staff_client, django_capture_on_commit_callbacks
):
    _submit(participant_client)
    submission = OutcomeSubmission.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("outcomes:staff-harvest-changes", args=[submission.pk]),
            {"changes-note": "Which department exactly?"},
        )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.CHANGES_REQUESTED
    assert len(mail.outbox) == 1
    assert reverse("outcomes:portal-harvest-edit", args=[submission.pk]) in mail.outbox[0].body
    edit = reverse("outcomes:portal-harvest-edit", args=[submission.pk])
    assert "Which department exactly?" in participant_client.get(edit).content.decode()
    response = participant_client.post(edit, _form(who_changed="Department of Social Welfare"))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.who_changed == "Department of Social Welfare"
    assert OutcomeSubmission.objects.count() == 1


def test_the_form_keeps_what_was_typed_on_an_error_and_asks_for_the_file_again(
    participant_client,
):
    response = _submit(
        participant_client,
        what_changed="A careful account of the change",
        date="2099-01-01",
        evidence_url="not a link",
        evidence_file=upload("circular.pdf", PDF_BYTES),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "A careful account of the change" in page
    assert "The Immigration Department" in page
    assert "Officials saw community placement" in page
    assert re.search(r'value="described"[^>]*checked', page)
    assert 'id="id_date_error"' in page
    assert 'id="id_evidence_url_error"' in page
    assert "Choose your file again" in page
    assert not OutcomeSubmission.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("evidence.pdf", ELF_BYTES, "is not a PDF, Word"),
        ("evidence.pdf", FAKE_PDF_BYTES, "cannot be opened as one"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_evidence_uploads_go_through_the_upload_checks(participant_client, name, data, message):
    response = _submit(participant_client, evidence_file=upload(name, data))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_evidence_file_error"' in page
    assert message in page
    assert not OutcomeSubmission.objects.exists()


def test_evidence_over_the_size_limit_is_refused(participant_client, settings):
    settings.BRIEFING_FILE_MAX_BYTES = 100
    response = _submit(participant_client, evidence_file=upload("big.pdf", PDF_BYTES))
    assert response.status_code == 200
    assert "the largest file accepted is" in response.content.decode()


def test_a_participant_cannot_see_anothers_submissions(participant, participant_client):
    other = core.ParticipantFactory()
    theirs, _ = harvest.submit_outcome(
        participant=other,
        data={**_form(), "date": dt.date(2024, 1, 1), "country": None},
        create_key=uuid.uuid4(),
        language="en",
        by=None,
    )
    url = reverse("outcomes:portal-harvest-edit", args=[theirs.pk])
    assert participant_client.get(url).status_code == 404
    assert participant_client.post(url, _form()).status_code == 404
    assert (
        theirs.what_changed
        not in participant_client.get(reverse("outcomes:portal-harvest")).content.decode()
    )


def test_staff_pages_are_for_staff(participant_client, client):
    submission, _ = harvest.submit_outcome(
        participant=core.ParticipantFactory(),
        data={**_form(), "date": dt.date(2024, 1, 1), "country": None},
        create_key=uuid.uuid4(),
        language="en",
        by=None,
    )
    for name, args in [
        ("outcomes:staff-harvest", []),
        ("outcomes:staff-harvest-detail", [submission.pk]),
        ("outcomes:staff-harvest-accept", [submission.pk]),
        ("outcomes:staff-learning", []),
    ]:
        assert participant_client.get(reverse(name, args=args)).status_code == 403
        assert client.get(reverse(name, args=args)).status_code == 302


def test_protected_names_in_the_text_are_refused_and_the_text_kept(participant, participant_client):
    core.ParticipantFactory(full_name="Nadia Orchidea", visibility=Visibility.HIDDEN)
    response = _submit(
        participant_client, contribution="Nadia Orchidea explained the pilot to the minister."
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_contribution_error"' in page
    assert "may not be named" in page
    assert "explained the pilot to the minister" in page  # kept to edit
    assert not OutcomeSubmission.objects.exists()
    # Their own name is theirs to write.
    response = _submit(participant_client, contribution=f"{participant.full_name} explained it.")
    assert response.status_code == 302


def test_a_refusal_never_tells_a_participant_who_or_what_a_protected_person_is(
    participant_client,
):
    """A participant who tries a surname learns neither the person's whole name (from a
    file) nor that they are hidden or pseudonymous (from the text)."""
    from tests.security.test_protection_files import pdf_bytes

    core.ParticipantFactory(full_name="Nadia Orchidea", visibility=Visibility.HIDDEN)
    core.ParticipantFactory(
        full_name="Rangi Tamihana", display_name="Kowhai", visibility=Visibility.PSEUDONYMOUS
    )
    in_text = _submit(
        participant_client,
        what_changed="Ms Orchidea opened the shelter.",
        contribution="Tamihana explained the pilot.",
    )
    in_file = _submit(
        participant_client, evidence_file=upload("note.pdf", pdf_bytes("A note by Ms Orchidea."))
    )
    assert (in_text.status_code, in_file.status_code) == (200, 200)
    assert 'id="id_what_changed_error"' in in_text.content.decode()
    assert 'id="id_contribution_error"' in in_text.content.decode()
    assert 'id="id_evidence_file_error"' in in_file.content.decode()
    for response in (in_text, in_file):
        page = response.content.decode()
        assert "may not be named" in page
        for secret in ["Nadia", "Rangi", "Kowhai", "hidden person", "pseudonymous"]:
            assert secret not in page
    assert not OutcomeSubmission.objects.exists()


def test_a_participant_who_shares_a_surname_with_a_protected_person_keeps_their_name(
    participant, participant_client, staff_client, django_capture_on_commit_callbacks
):
    """Their own name in their report and in the e-mail's greeting is theirs, even when a
    pseudonymous person has the same surname (the demo's Somchai and Jiraporn Srisuk)."""
    participant.full_name = participant.display_name = "Somchai Srisuk"
    participant.save()
    core.ParticipantFactory(
        full_name="Jiraporn Srisuk", display_name="Fern", visibility=Visibility.PSEUDONYMOUS
    )
    response = _submit(participant_client, contribution="Somchai Srisuk explained it.")
    assert response.status_code == 302
    submission = OutcomeSubmission.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("outcomes:staff-harvest-decline", args=[submission.pk]),
            {"decline-note": "Already recorded."},
        )
    assert len(mail.outbox) == 1
    assert "Somchai Srisuk" in mail.outbox[0].body


def test_learning_lists_the_states_in_the_reports_order(staff_client):
    """The columns follow the reports' order, not the order the outcomes came in (an old
    outcome awaiting answers put "Awaiting answers" before "Contested" and "Substantiated")."""
    old = factories.OutcomeFactory(date=dt.date(2019, 5, 1))
    factories.substantiated(old, None)
    contested = factories.OutcomeFactory(date=dt.date(2020, 5, 1))
    factories.substantiated(contested, "fully", "not_at_all")
    agreed = factories.OutcomeFactory(date=dt.date(2021, 5, 1))
    factories.substantiated(agreed, "fully")
    page = staff_client.get(reverse("outcomes:staff-learning"))
    assert page.context["data"].states == ["Substantiated", "Contested", "Awaiting answers"]


def test_convenings_offered_are_the_ones_they_took_part_in(participant_client, attended):
    other = core.ConveningFactory(title="A convening they skipped")
    page = participant_client.get(reverse("outcomes:portal-harvest-new")).content.decode()
    assert "Bangkok 2023" in page
    assert other.title not in page
    response = _submit(participant_client, convenings=[other.pk])
    assert response.status_code == 200
    assert not OutcomeSubmission.objects.exists()


def test_follow_up_emails_link_to_the_form(participant, settings):
    from engagement import followups
    from engagement.models import FollowUpMessage, MessageKind

    convening = core.ConveningFactory(status=ConveningStatus.HELD)
    message = FollowUpMessage.objects.create(
        key=f"followup:{convening.pk}:{participant.pk}",
        kind=MessageKind.FOLLOWUP,
        language="en",
        recipient=participant.email,
        convening=convening,
        participant=participant,
    )
    mail.outbox.clear()
    followups.send_message(message_id=message.pk)
    assert settings.SITE_URL + reverse("outcomes:portal-harvest-new") in mail.outbox[0].body


def test_erasure_clears_the_persons_own_report_and_staff_pages_still_open(
    participant, participant_client, staff_client, staff_user
):
    """Issue 13: erasing a person removes their own free text; a report they sent is theirs
    (with, here, a phone number), so its words go, while the row (counted) stays."""
    from participants.erasure import erase_person

    _submit(
        participant_client,
        what_changed="The ministry changed its rule. Call me on +60 12 345 6789.",
        who_changed="The ministry, after my calls",
        significance="It matters to my family.",
        contribution="I met the minister at the convening.",
        evidence_url="https://example.org/my-own-blog",
    )
    submission = OutcomeSubmission.objects.get(participant=participant)
    erase_person(participant=participant, by=staff_user)
    submission.refresh_from_db()
    for field in ("what_changed", "who_changed", "significance", "contribution", "evidence_url"):
        assert getattr(submission, field) == "", field
    assert OutcomeSubmission.objects.filter(pk=submission.pk).exists()
    for url in (
        reverse("outcomes:staff-harvest"),
        reverse("outcomes:staff-harvest-detail", args=[submission.pk]),
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert "345 6789" not in response.content.decode()
