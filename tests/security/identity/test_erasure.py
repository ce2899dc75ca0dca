"""Erasure removes the name everywhere (every table, column and language, the mail log, other
people's records) and keeps protecting the person; aggregates stay.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.base import ContentFile

from accounts import audit
from accounts.models import AuditEntry
from engagement import services as engagement_services
from engagement.models import (
    ActionUpdate,
    FollowUpMessage,
    MeetingNote,
    MessageKind,
)
from outcomes.models import EvidenceKind, OutcomeEvidence, ReportStatus
from outcomes.reports.render import render_report
from participants.erasure import erase_person
from participants.models import ErasedName
from tests import factories
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory
from tests.outcomes.factories import OutcomeFactory, StoredReportFactory
from tests.outcomes.reports.pdf import report_text
from tests.security.identity.people import notes_saying, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def traces(w, mailoutbox):
    """The hidden person's name left everywhere it was found after erasing him."""
    hidden, convening, staff = w["hidden"], w["convening"], w["staff"]
    factories.InvitationFactory(convening=convening, participant=hidden, status="attended")
    session = factories.AgendaSessionFactory(convening=convening, facilitators="Hemi Concealed")
    note = MeetingNoteFactory(convening=convening, key_points_en="Thanks to Hemi C. for hosting.")
    outcome = OutcomeFactory(country=w["th"], date=dt.date(2023, 5, 1))
    evidence = OutcomeEvidence.objects.create(
        outcome=outcome, kind=EvidenceKind.FILE, description="Letter from Mr Concealed"
    )
    evidence.file.save("letter_hemi_concealed.pdf", ContentFile(b"%PDF-1.4 letter"))
    audit.record(
        actor=staff,
        action="outcome.updated",
        obj=outcome,
        changes={"what_changed": ["", "Hemi Tamatea Concealed briefed the ministry"]},
    )
    message = FollowUpMessage.objects.create(
        key="followup-hidden",
        kind=MessageKind.FOLLOWUP,
        convening=convening,
        participant=hidden,
        recipient="hemi@example.org",
        language="en",
        subject="Follow-up for Hemi Tamatea Concealed",
    )
    action = FollowUpActionFactory(convening=convening, owner=hidden, title="Host the visit")
    update = ActionUpdate.objects.create(
        action=action, author=hidden.user, text="Call me on +61 400 000 000"
    )
    report = StoredReportFactory(status=ReportStatus.DONE, format="csv")
    report.file.save("annual.csv", ContentFile(b"Champion: Hemi Tamatea Concealed"))
    return {
        "session": session,
        "note": note,
        "evidence": evidence,
        "message": message,
        "update": update,
        "report": report,
        "outcome": outcome,
    }


def test_erasure_removes_the_name_everywhere_and_keeps_protecting(w, traces):
    from tests.accounts.test_privacy import _text_columns_containing

    assert _text_columns_containing("Concealed")  # the name really is in these places
    old_report_file = traces["report"].file.name

    counts = erase_person(participant=w["hidden"], by=w["admin"])

    for needle in ("Concealed", "Tamatea", "hemi@example.org", "400 000"):
        assert _text_columns_containing(needle) == [], needle
    evidence = OutcomeEvidence.objects.get(pk=traces["evidence"].pk)
    assert "concealed" not in evidence.file.name.lower()
    assert evidence.file.read() == b"%PDF-1.4 letter"
    placeholder = f"Erased participant {w['hidden'].pk}"
    assert MeetingNote.objects.get(pk=traces["note"].pk).key_points_en == (
        f"Thanks to {placeholder} for hosting."
    )
    assert FollowUpMessage.objects.get(pk=traces["message"].pk).recipient.endswith(
        "@erased.invalid"
    )
    assert ActionUpdate.objects.get(pk=traces["update"].pk).text == ""
    report = traces["report"]
    report.refresh_from_db()
    assert report.file.name != old_report_file
    # The erasure records what it changed, as counts.
    entry = AuditEntry.objects.get(action="participant.erased")
    recorded = entry.changes["counts"][1]
    assert recorded == counts
    assert counts["name replaced: convenings.agendasession"] == 1
    assert counts["name replaced: outcomes.outcomeevidence"] == 1
    assert "Concealed" not in json.dumps(recorded)
    # Nothing of the name is stored in the clear, yet text typed later is still scrubbed.
    assert ErasedName.objects.filter(participant=w["hidden"]).exists()
    later = OutcomeFactory(
        country=w["th"], date=dt.date(2023, 7, 1), what_changed="Hemi Concealed opened a shelter."
    )
    text = report_text(
        render_report(kind="annual", start_year=2023, end_year=2023, language="en", fmt="csv"),
        "csv",
    )
    assert later.title in text
    assert "opened a shelter" in text
    assert "Concealed" not in text
    with pytest.raises(engagement_services.NotesAttributeSomeoneError):
        publish(notes_saying(w["convening"], "Mr Concealed sent regards."), w["staff"])


def test_erasure_keeps_aggregates(w, traces):
    from tests.accounts.test_privacy import _figures

    before = _figures()
    erase_person(participant=w["hidden"], by=w["admin"])
    assert _figures() == before


def test_other_erased_peoples_addresses_leave_the_mail_log_too(w, traces):
    erase_person(participant=w["river"], by=w["admin"])
    # A row that still holds River's address, as rows written before this fix did.
    FollowUpMessage.objects.create(
        key="older",
        kind=MessageKind.FOLLOWUP,
        participant=w["river"],
        recipient="river@example.org",
        language="en",
    )
    erase_person(participant=w["hidden"], by=w["admin"])
    recipients = set(FollowUpMessage.objects.values_list("recipient", flat=True))
    assert recipients == {
        f"erased-{w['river'].pk}@erased.invalid",
        f"erased-{w['hidden'].pk}@erased.invalid",
    }


def _raw_cells_containing(needle: str) -> list[str]:
    """Every table cell holding the needle, read with SQL: no manager rewrites a column name
    (modeltranslation reads `description` as `description_<language>`)."""
    from django.db import connection

    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str) and needle.lower() in value.lower():
                        found.append(f"{table}.{column}")
    return sorted(set(found))


def test_erasure_reaches_the_untranslated_columns_and_other_peoples_records(w):
    """A translated field keeps its untranslated column (`what_changed` beside
    `what_changed_en`), and staff notes on someone else's record may name the person: the
    name leaves both, as read by SQL (a backup holds every column)."""
    outcome = OutcomeFactory(
        country=w["th"], date=dt.date(2023, 5, 1), what_changed="Mr Concealed briefed the ministry."
    )
    factories.AgendaSessionFactory(convening=w["convening"], description="Hemi C. opens the day.")
    budi = w["budi"]
    budi.notes = "Introduced by Hemi Tamatea Concealed."
    budi.save()
    assert "outcomes_outcome.what_changed" in _raw_cells_containing("Concealed")

    erase_person(participant=w["hidden"], by=w["admin"])

    assert _raw_cells_containing("Concealed") == []
    assert _raw_cells_containing("Hemi C.") == []
    placeholder = f"Erased participant {w['hidden'].pk}"
    outcome.refresh_from_db()
    assert outcome.what_changed_en == f"{placeholder} briefed the ministry."
    budi.refresh_from_db()
    assert budi.notes == f"Introduced by {placeholder}."
    assert budi.full_name == "Budi Santoso"
