"""A participant's outcome report decides what the portal shows them (the templates print it)."""

from __future__ import annotations

import pytest

from outcomes.models import OutcomeSubmission, SubmissionStatus

NOTE = "Please add the date the law was passed."


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (SubmissionStatus.CHANGES_REQUESTED, NOTE),
        (SubmissionStatus.DECLINED, NOTE),
        # Sent again after changes were asked for: the old note is not the last word.
        (SubmissionStatus.SUBMITTED, ""),
        (SubmissionStatus.ACCEPTED, ""),
        (SubmissionStatus.MERGED, ""),
    ],
)
def test_the_participant_sees_the_note_of_a_request_for_changes_or_a_decline(status, shown):
    assert OutcomeSubmission(status=status, staff_note=NOTE).note_for_participant == shown


@pytest.mark.parametrize("status", list(SubmissionStatus))
def test_accepted_and_merged_reports_are_part_of_the_record(status):
    in_record = status in (SubmissionStatus.ACCEPTED, SubmissionStatus.MERGED)
    assert OutcomeSubmission(status=status).is_in_record is in_record
