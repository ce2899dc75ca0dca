"""Delete, restore and purge (operations.trash): every kind leaves its pages, counts and
reports at once, comes back from "Recently deleted", and goes for good after
DELETED_KEEP_DAYS; each step is in the audit log."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AuditEntry
from briefings.models import BriefingStatus
from convenings.models import AgendaSession, SiteVisit
from engagement.models import FollowUpAction, MeetingNote
from operations import tasks, trash
from outcomes import selectors as outcome_selectors
from outcomes.models import Outcome, OutcomeEvidence, ReportStatus
from tests import factories
from tests.briefings.factories import BriefingFactory, BriefingPackFactory
from tests.convenings.factories import open_convening
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory
from tests.outcomes.factories import OutcomeFactory, StoredReportFactory
from tests.outcomes.reports.pdf import pdf_text, render

pytestmark = pytest.mark.django_db


def _evidence(outcome=None, description="Ministry circular 12/2023"):
    return OutcomeEvidence.objects.create(
        outcome=outcome or OutcomeFactory(), kind="note", description=description, note="-"
    )


# One maker per kind: the object, and the staff page where it is listed.
def _outcome():
    obj = OutcomeFactory(title="Community care for children")
    return obj, reverse("outcomes:staff-list")


def _evidence_item():
    obj = _evidence()
    return obj, reverse("outcomes:staff-edit", args=[obj.outcome_id])


def _note():
    session = factories.AgendaSessionFactory(title="Screening at the border")
    obj = MeetingNoteFactory(convening=session.convening, session=session)
    return obj, reverse("engagement:staff-notes", args=[obj.convening_id])


def _action():
    obj = FollowUpActionFactory(title="Share the screening checklist")
    return obj, reverse("engagement:staff-actions", args=[obj.convening_id])


def _session():
    obj = factories.AgendaSessionFactory(title="Alternatives to detention")
    return obj, reverse("convenings:staff-agenda", args=[obj.convening_id])


def _visit():
    obj = factories.SiteVisitFactory(programme="Foster care programme")
    return obj, reverse("convenings:staff-site-visits", args=[obj.convening_id])


def _briefing():
    obj = BriefingFactory(status=BriefingStatus.DRAFT, title_en="Draft on case management")
    return obj, reverse("briefings:staff-list")


MAKERS = {
    "outcome": (_outcome, "Community care for children"),
    "evidence": (_evidence_item, "Ministry circular 12/2023"),
    "notes": (_note, "Screening at the border"),
    "action": (_action, "Share the screening checklist"),
    "agenda_session": (_session, "Alternatives to detention"),
    "site_visit": (_visit, "Foster care programme"),
    "briefing": (_briefing, "Draft on case management"),
}


def test_every_kind_has_a_maker():
    assert set(MAKERS) == set(trash.KINDS)


@pytest.mark.parametrize("kind", list(MAKERS))
def test_delete_and_restore_round_trip_with_audit_entries(kind, staff_client, staff_user):
    make, text = MAKERS[kind]
    obj, page = make()
    model = type(obj)
    assert text in staff_client.get(page).content.decode()
    delete_url = reverse("operations:delete", args=[kind, obj.pk])

    response = staff_client.post(delete_url, {"next": page})
    assert (response.status_code, response.url) == (302, page)
    assert not model.objects.filter(pk=obj.pk).exists()
    assert text not in staff_client.get(page).content.decode()
    # A second POST (double click) answers the same and records nothing more.
    again = staff_client.post(delete_url, {"next": page})
    assert (again.status_code, again.url) == (302, page)
    entry = AuditEntry.objects.get(action=f"{kind}.deleted")
    assert (entry.actor, entry.object_id) == (staff_user, str(obj.pk))

    listing = staff_client.get(reverse("operations:deleted")).content.decode()
    assert text in listing
    assert reverse("operations:restore", args=[kind, obj.pk]) in listing

    restored = staff_client.post(reverse("operations:restore", args=[kind, obj.pk]))
    assert restored.status_code == 302
    assert model.objects.filter(pk=obj.pk).exists()
    assert text in staff_client.get(page).content.decode()
    assert AuditEntry.objects.filter(action=f"{kind}.restored", actor=staff_user).count() == 1
    assert text not in staff_client.get(reverse("operations:deleted")).content.decode()


def test_managers_hide_deleted_rows_in_reverse_relations_but_not_forward_ones(staff_user):
    outcome = OutcomeFactory()
    convening = open_convening()
    outcome.convenings.add(convening)
    kept, gone = _evidence(outcome, "kept"), _evidence(outcome, "gone")
    trash.delete_object(obj=gone, by=staff_user)

    # Reverse foreign key and the default manager: hidden.
    assert list(outcome.evidence.all()) == [kept]
    assert not OutcomeEvidence.objects.filter(pk=gone.pk).exists()
    assert OutcomeEvidence.all_objects.filter(pk=gone.pk).exists()
    # A join in an aggregate says so itself (outcomes_for_staff counts live evidence).
    assert outcome_selectors.outcomes_for_staff().get(pk=outcome.pk).evidence_count == 1

    trash.delete_object(obj=outcome, by=staff_user)
    # Many-to-many from the other side: hidden.
    assert list(convening.outcomes.all()) == []
    # Forward relation: the base manager still reaches the deleted parent.
    assert OutcomeEvidence.objects.get(pk=kept.pk).outcome == outcome


def test_restore_with_a_deleted_parent_says_what_first_and_restores_nothing(
    staff_client, staff_user
):
    outcome = OutcomeFactory(title="Community care for children")
    evidence = _evidence(outcome)
    trash.delete_object(obj=evidence, by=staff_user)
    trash.delete_object(obj=outcome, by=staff_user)

    page = staff_client.get(reverse("operations:deleted")).content.decode()
    assert 'Restore the outcome "Community care for children" first.' in page
    response = staff_client.post(reverse("operations:restore", args=["evidence", evidence.pk]))
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [
        'Restore the outcome "Community care for children" first: '
        "this belongs to it and it is deleted."
    ]
    assert OutcomeEvidence.all_objects.get(pk=evidence.pk).deleted_at is not None
    assert not AuditEntry.objects.filter(action="evidence.restored").exists()

    # Parent first, then the child.
    staff_client.post(reverse("operations:restore", args=["outcome", outcome.pk]))
    staff_client.post(reverse("operations:restore", args=["evidence", evidence.pk]))
    assert list(outcome.evidence.all()) == [evidence]


def test_notes_of_a_deleted_session_ask_for_the_session_first(staff_user):
    session = factories.AgendaSessionFactory()
    note = MeetingNoteFactory(convening=session.convening, session=session)
    trash.delete_object(obj=note, by=staff_user)
    trash.delete_object(obj=session, by=staff_user)
    with pytest.raises(trash.ParentDeletedError):
        trash.restore_object(obj=MeetingNote.all_objects.get(pk=note.pk), by=staff_user)


def test_deleting_an_agenda_item_moves_the_calendar_on(staff_user):
    session = factories.AgendaSessionFactory()
    convening = session.convening
    before = convening.sequence
    trash.delete_object(obj=session, by=staff_user)
    convening.refresh_from_db()
    assert convening.sequence == before + 1
    assert list(convening.sessions.all()) == []


def test_a_published_briefing_is_not_deleted_unpublish_instead(staff_client):
    briefing = BriefingFactory(status=BriefingStatus.PUBLISHED)
    response = staff_client.post(
        reverse("operations:delete", args=["briefing", briefing.pk]), follow=True
    )
    assert "Unpublish it instead" in response.content.decode()
    assert not AuditEntry.objects.filter(action="briefing.deleted").exists()
    briefing.refresh_from_db()
    assert briefing.deleted_at is None


def test_a_draft_that_went_out_in_a_pack_is_kept(staff_user):
    briefing = BriefingFactory(status=BriefingStatus.DRAFT)
    pack = BriefingPackFactory(convening=open_convening())
    pack.briefings.add(briefing)
    with pytest.raises(trash.StillUsedError):
        trash.delete_object(obj=briefing, by=staff_user)


def test_deleted_outcomes_leave_the_report_in_every_format(staff_user):
    kept = OutcomeFactory(title="Kept reform of screening")
    gone = OutcomeFactory(title="Outcome saved twice by mistake")
    trash.delete_object(obj=gone, by=staff_user)

    text = pdf_text(render("pdf"))
    assert kept.title in text
    assert gone.title not in text
    rows = csv.reader(io.StringIO(render(fmt="csv").decode("utf-8-sig")))
    cells = {cell for row in rows for cell in row}
    assert kept.title in cells
    assert gone.title not in cells
    book = load_workbook(io.BytesIO(render(fmt="xlsx")))
    values = {c for row in book["Outcomes"].iter_rows(values_only=True) for c in row}
    assert kept.title in values
    assert gone.title not in values
    figures = {row[0]: row[1] for row in book["Key figures"].iter_rows(min_row=2, values_only=True)}
    assert figures["Outcomes recorded"] == 1


def test_a_stored_report_is_kept_as_it_was_and_marked_outdated(admin_client_, staff_user):
    outcome = OutcomeFactory(date=dt.date(2023, 5, 1))
    report = StoredReportFactory(status=ReportStatus.DONE, start_year=2023, end_year=2023)
    report.file.save("annual-2023.pdf", io.BytesIO(b"%PDF-1.4 as rendered"), save=True)
    other_year = StoredReportFactory(status=ReportStatus.DONE, start_year=2021, end_year=2021)

    trash.delete_object(obj=outcome, by=staff_user)

    report.refresh_from_db()
    other_year.refresh_from_db()
    assert report.outdated_at is not None
    assert other_year.outdated_at is None
    with report.file.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4 as rendered"
    page = admin_client_.get(reverse("outcomes:reports")).content.decode()
    assert "Outdated" in page
    assert "The file is kept as it was" in page


def test_purge_removes_for_good_after_the_set_time_once(
    settings, staff_user, django_capture_on_commit_callbacks
):
    settings.DELETED_KEEP_DAYS = 30
    old, recent = OutcomeFactory(), OutcomeFactory()
    evidence = _evidence(old)
    evidence.file.save("circular.pdf", io.BytesIO(b"%PDF-1.4 circular"), save=True)
    stored = evidence.file.path
    for obj in (old, recent, evidence):
        trash.delete_object(obj=obj, by=staff_user)
    Outcome.all_objects.filter(pk=old.pk).update(deleted_at=timezone.now() - dt.timedelta(days=31))
    OutcomeEvidence.all_objects.filter(pk=evidence.pk).update(
        deleted_at=timezone.now() - dt.timedelta(days=31)
    )

    with django_capture_on_commit_callbacks(execute=True):
        tasks.purge_deleted()

    assert not Outcome.all_objects.filter(pk=old.pk).exists()
    assert not os.path.exists(stored)  # the uploaded file went with it
    assert not OutcomeEvidence.all_objects.filter(pk=evidence.pk).exists()
    assert Outcome.all_objects.filter(pk=recent.pk).exists()  # still restorable
    purged = AuditEntry.objects.filter(action__endswith=".purged")
    assert sorted(purged.values_list("action", flat=True)) == ["evidence.purged", "outcome.purged"]
    # A second run (or a second beat) removes nothing more.
    assert trash.purge_deleted() == 0
    assert purged.count() == 2


def test_the_purge_is_on_beats_schedule():
    from platform_site.celery import app

    entries = {e["task"] for e in app.conf.beat_schedule.values()}
    assert "operations.purge_deleted" in entries


def test_deleted_things_leave_the_portal(staff_user, participant, participant_client):
    convening = open_convening()
    factories.InvitationFactory(convening=convening, participant=participant)
    note = MeetingNoteFactory(
        convening=convening,
        status="published",
        published_at=timezone.now(),
        key_points_en="Gone from the portal",
    )
    session = factories.AgendaSessionFactory(convening=convening, title="Gone session")
    visit = factories.SiteVisitFactory(convening=convening, programme="Gone visit")
    action = FollowUpActionFactory(
        convening=convening, owner=participant, title="Gone action for me"
    )
    notes_url = reverse("engagement:portal-notes", args=[convening.pk])
    detail_url = reverse("convenings:portal-detail", args=[convening.pk])
    actions_url = reverse("engagement:portal-actions")

    def shown():
        return " ".join(
            participant_client.get(url).content.decode()
            for url in (notes_url, detail_url, actions_url)
        )

    before = shown()
    texts = ["Gone from the portal", "Gone session", "Gone visit", "Gone action for me"]
    assert [t for t in texts if t in before] == texts
    for obj in (note, session, visit, action):
        trash.delete_object(obj=obj, by=staff_user)
    after = shown()
    assert [t for t in texts if t in after] == []


@pytest.mark.parametrize("n", [1, 3])
def test_recently_deleted_queries(n, staff_client, staff_user, django_assert_num_queries):
    for i in range(n):
        obj = [OutcomeFactory, FollowUpActionFactory, factories.SiteVisitFactory][i]()
        trash.delete_object(obj=obj, by=staff_user)
    url = reverse("operations:deleted")
    staff_client.get(url)
    # session, user, groups (navigation), then one query per kind (seven) with who deleted
    # each item and the parents its restore depends on
    with django_assert_num_queries(10):
        response = staff_client.get(url)
    assert len(response.context["items"]) == n


@pytest.mark.parametrize("method", ["get", "post"])
def test_only_staff_reach_the_trash(method, client, participant_client, other_user):
    outcome = OutcomeFactory()
    urls = [
        reverse("operations:deleted"),
        reverse("operations:delete", args=["outcome", outcome.pk]),
        reverse("operations:restore", args=["outcome", outcome.pk]),
    ]
    for url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        assert getattr(participant_client, method)(url).status_code == 403
    assert Outcome.objects.filter(pk=outcome.pk).exists()


def test_unknown_kinds_and_missing_objects_are_not_found(staff_client):
    assert staff_client.post(reverse("operations:delete", args=["convening", 1])).status_code == 404
    assert staff_client.post(reverse("operations:delete", args=["outcome", 999])).status_code == 404


def test_delete_answers_get_with_405(staff_client):
    outcome = OutcomeFactory()
    assert (
        staff_client.get(reverse("operations:delete", args=["outcome", outcome.pk])).status_code
        == 405
    )
    assert Outcome.objects.filter(pk=outcome.pk).exists()


def test_existing_delete_buttons_also_go_to_recently_deleted(staff_client):
    session = factories.AgendaSessionFactory()
    visit = factories.SiteVisitFactory()
    action = FollowUpActionFactory()
    for url in (
        reverse("convenings:staff-session-delete", args=[session.convening_id, session.pk]),
        reverse("convenings:staff-site-visit-delete", args=[visit.convening_id, visit.pk]),
        reverse("engagement:staff-action-delete", args=[action.convening_id, action.pk]),
    ):
        assert staff_client.post(url).status_code == 302
        assert staff_client.post(url).status_code == 302  # a second POST is no error
    assert AgendaSession.all_objects.get(pk=session.pk).deleted_at is not None
    assert SiteVisit.all_objects.get(pk=visit.pk).deleted_at is not None
    assert FollowUpAction.all_objects.get(pk=action.pk).deleted_at is not None
    assert len(staff_client.get(reverse("operations:deleted")).context["items"]) == 3


def test_erasing_a_person_also_scrubs_their_name_from_deleted_rows(staff_user, admin_user):
    from participants.erasure import erase_person

    person = factories.ParticipantFactory(full_name="Wanida Erasable")
    outcome = OutcomeFactory(what_changed="Wanida Erasable led the reform.")
    trash.delete_object(obj=outcome, by=staff_user)

    erase_person(participant=person, by=admin_user)

    # Restoring it later must not bring the name back.
    assert "Wanida" not in Outcome.all_objects.get(pk=outcome.pk).what_changed_en


@pytest.mark.parametrize("kind", list(MAKERS))
def test_a_delete_without_a_next_page_lands_on_a_page_that_exists(kind, staff_client):
    # A script, or a form that forgot `next`: the fallback is where the kind is listed,
    # never the deleted object's own page (which now answers 404).
    make, _text = MAKERS[kind]
    obj, _page = make()
    response = staff_client.post(reverse("operations:delete", args=[kind, obj.pk]), follow=True)
    assert response.status_code == 200
