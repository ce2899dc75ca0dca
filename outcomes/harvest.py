"""Writes of outcome harvesting: participants submit changes they saw, staff review them.

- `submit_outcome` / `update_submission`: the portal form (once per form key; the text is
  checked by the protection service, the evidence file by the same checks as every upload);
- `accept_submission` (a new Outcome, once per form key and once per submission),
  `merge_submission` (the submission becomes a source of an existing outcome),
  `request_changes` and `decline_submission` (a note, e-mailed once in the participant's
  language): each locks the submission, so a double click or two staff at once act once;
- the invitations and the e-mails themselves are in `outcomes/harvest_mail.py`.

Every staff decision is in the audit log.
"""

from __future__ import annotations

import logging
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import diff, record, snapshot
from accounts.models import User
from common.once import create_once
from participants import protection
from participants.models import Participant
from participants.protection_services import strip_names_from_files

from . import services
from .harvest_mail import language_of, queue_messages
from .models import (
    EvidenceKind,
    HarvestMessage,
    HarvestMessageKind,
    Outcome,
    OutcomeEvidence,
    OutcomeSubmission,
    SubmissionStatus,
)
from .models.harvest import EDITABLE_STATUSES

logger = logging.getLogger(__name__)

TEXT_FIELDS = ["what_changed", "who_changed", "significance", "contribution"]
FIELDS = [*TEXT_FIELDS, "actor_kind", "date", "country", "evidence_url", "credit"]
AUDITED = ["status", "outcome", "credit", "date", "country"]


class AlreadyDecidedError(ValidationError):
    """The submission was already decided (by someone else, or a click before)."""


# --- Participants ----------------------------------------------------------------------


def check_protected_names(*, participant: Participant, texts: dict[str, str]) -> None:
    """A submission names nobody who may not be named to participants (hidden people,
    pseudonymous people's real names, erased people), except its author: it is read by
    staff and becomes an outcome's text. Raises a ValidationError per field."""
    people = protection.registry(exclude=[participant.pk])
    errors = {}
    for field, text in texts.items():
        found = people.names_in(text or "")
        if found:
            # Said without the reason (hidden, pseudonymous...): the writer is a participant,
            # who may not learn what the platform knows of another person.
            errors[field] = ValidationError(
                _(
                    "This names someone who may not be named on the platform. Describe "
                    'people by their role instead, e.g. "a senior official of the ministry".'
                ),
                code="protected",
            )
    if errors:
        raise ValidationError(errors)


def _write(submission: OutcomeSubmission, data: dict, evidence_file) -> None:
    for name in FIELDS:
        setattr(submission, name, data[name])
    if evidence_file is not None:
        submission.evidence_file = evidence_file
    elif data.get("remove_file") and submission.evidence_file:
        submission.evidence_file.delete(save=False)
        submission.evidence_file = ""


def _after_save(submission: OutcomeSubmission, data: dict) -> None:
    submission.convenings.set(data.get("convenings") or [])
    # A file's name may name someone who may not be named (participants.protection).
    strip_names_from_files([submission], field="evidence_file")


@transaction.atomic
def submit_outcome(
    *,
    participant: Participant,
    data: dict,
    evidence_file=None,
    create_key: uuid.UUID,
    language: str,
    by: User,
) -> tuple[OutcomeSubmission, bool]:
    """A new submission from the portal form, or the one this form's key made (then True)."""
    check_protected_names(participant=participant, texts={f: data[f] for f in TEXT_FIELDS})

    def create() -> OutcomeSubmission:
        submission = OutcomeSubmission(participant=participant, language=language)
        _write(submission, data, evidence_file)
        submission.create_key = create_key
        submission.save()
        _after_save(submission, data)
        record(actor=by, action="harvest.submitted", obj=submission)
        return submission

    submission, repeated = create_once(OutcomeSubmission, key=create_key, create=create)
    if submission.participant_id != participant.pk:  # a key replayed by someone else
        raise ValidationError(_("This page is out of date: reload it and save again."))
    return submission, repeated


@transaction.atomic
def update_submission(
    *, submission: OutcomeSubmission, data: dict, evidence_file=None, language: str, by: User
) -> OutcomeSubmission:
    """The participant's edit: a submission waiting for review or sent back for changes;
    sent back, the edit submits it again."""
    locked = OutcomeSubmission.objects.select_for_update().get(pk=submission.pk)
    if locked.status not in EDITABLE_STATUSES:
        raise AlreadyDecidedError(_("The secretariat has already decided on this outcome."))
    check_protected_names(participant=locked.participant, texts={f: data[f] for f in TEXT_FIELDS})
    before = snapshot(locked, AUDITED)
    _write(locked, data, evidence_file)
    locked.language = language
    locked.status = SubmissionStatus.SUBMITTED
    locked.save()
    _after_save(locked, data)
    record(
        actor=by,
        action="harvest.resubmitted",
        obj=locked,
        changes=diff(before, snapshot(locked, AUDITED)),
    )
    return locked


# --- Staff ---------------------------------------------------------------------------


def _lock_reviewable(submission_id: int) -> OutcomeSubmission:
    submission = OutcomeSubmission.objects.select_for_update().get(pk=submission_id)
    if submission.status not in EDITABLE_STATUSES:
        raise AlreadyDecidedError(
            _("This submission was already decided: %(status)s.")
            % {"status": submission.get_status_display()}
        )
    return submission


def _carry_evidence(submission: OutcomeSubmission, outcome: Outcome) -> int:
    """The submission's link and file, as evidence of the outcome (once each)."""
    carried = 0
    if (
        submission.evidence_url
        and not outcome.evidence.filter(url=submission.evidence_url).exists()
    ):
        OutcomeEvidence.objects.create(
            outcome=outcome,
            kind=EvidenceKind.LINK,
            url=submission.evidence_url,
            description=_("From a participant's submission")[:250],
        )
        carried += 1
    if submission.evidence_file:
        base = submission.evidence_file.name.rsplit("/", 1)[-1]
        item = OutcomeEvidence(
            outcome=outcome,
            kind=EvidenceKind.FILE,
            description=_("From a participant's submission")[:250],
        )
        with submission.evidence_file.open("rb") as handle:
            item.file.save(base, ContentFile(handle.read()), save=False)
        item.save()
        carried += 1
    return carried


def _decided(submission: OutcomeSubmission, *, status: str, by: User, note: str = "") -> None:
    before = snapshot(submission, AUDITED)
    submission.status = status
    submission.staff_note = note
    submission.reviewed_by = by if getattr(by, "is_authenticated", False) else None
    submission.reviewed_at = timezone.now()
    submission.save()
    record(
        actor=by,
        action=f"harvest.{status}",
        obj=submission,
        changes=diff(before, snapshot(submission, AUDITED)),
    )


@transaction.atomic
def accept_submission(
    *, submission_id: int, form, evidence_formset, by: User, create_key: uuid.UUID
) -> tuple[Outcome, bool]:
    """The outcome staff made from the submission (pre-filled, edited), with its evidence
    carried over; or, for a repeated POST or a submission already accepted, the outcome it
    became (then True)."""
    earlier = Outcome.objects.filter(create_key=create_key).first()
    if earlier is not None:
        return earlier, True
    submission = OutcomeSubmission.objects.select_for_update().get(pk=submission_id)
    if submission.status == SubmissionStatus.ACCEPTED and submission.outcome_id:
        return submission.outcome, True
    submission = _lock_reviewable(submission_id)
    outcome, repeated = create_once(
        Outcome,
        key=create_key,
        create=lambda: services.save_outcome(
            form=form, evidence_formset=evidence_formset, by=by, create_key=create_key
        ),
    )
    if repeated:
        return outcome, True
    _carry_evidence(submission, outcome)
    strip_names_from_files(outcome.evidence.all(), field="file")
    submission.outcome = outcome
    _decided(submission, status=SubmissionStatus.ACCEPTED, by=by)
    return outcome, False


@transaction.atomic
def merge_submission(*, submission_id: int, outcome: Outcome, by: User) -> OutcomeSubmission:
    """The submission becomes a source of `outcome`: its evidence and convenings carried over."""
    submission = OutcomeSubmission.objects.select_for_update().get(pk=submission_id)
    if submission.status == SubmissionStatus.MERGED and submission.outcome_id == outcome.pk:
        return submission  # the same click twice
    submission = _lock_reviewable(submission_id)
    _carry_evidence(submission, outcome)
    strip_names_from_files(outcome.evidence.all(), field="file")
    outcome.convenings.add(*submission.convenings.all())
    submission.outcome = outcome
    _decided(submission, status=SubmissionStatus.MERGED, by=by)
    record(
        actor=by,
        action="outcome.source_added",
        obj=outcome,
        changes={"submission": [None, submission.pk]},
    )
    return submission


def _tell(submission: OutcomeSubmission, *, kind: str, key: str) -> None:
    person = submission.participant
    message, created = HarvestMessage.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "participant": person,
            "submission": submission,
            "language": language_of(person.preferred_language),
        },
    )
    if created:
        queue_messages([message.pk])


@transaction.atomic
def request_changes(*, submission_id: int, note: str, by: User) -> OutcomeSubmission:
    """Sent back to the participant with a note; they edit and submit again from the portal."""
    submission = OutcomeSubmission.objects.select_for_update().get(pk=submission_id)
    if submission.status == SubmissionStatus.CHANGES_REQUESTED and submission.staff_note == note:
        return submission  # the same click twice
    submission = _lock_reviewable(submission_id)
    submission.review_round += 1
    _decided(submission, status=SubmissionStatus.CHANGES_REQUESTED, by=by, note=note)
    _tell(
        submission,
        kind=HarvestMessageKind.CHANGES,
        key=f"harvest-changes:{submission.pk}:{submission.review_round}",
    )
    return submission


@transaction.atomic
def decline_submission(*, submission_id: int, note: str, by: User) -> OutcomeSubmission:
    """Declined with a note, shown on the portal and e-mailed to the participant once."""
    submission = OutcomeSubmission.objects.select_for_update().get(pk=submission_id)
    if submission.status == SubmissionStatus.DECLINED:
        return submission  # the same click twice
    submission = _lock_reviewable(submission_id)
    _decided(submission, status=SubmissionStatus.DECLINED, by=by, note=note)
    _tell(submission, kind=HarvestMessageKind.DECLINED, key=f"harvest-declined:{submission.pk}")
    return submission
