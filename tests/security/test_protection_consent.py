"""A champion's report consent or visibility changes what stored reports may print (issue
13): withdrawn, the reports that printed them are rendered again at once (the old file is
deleted); given, the reports that described them are marked outdated. Like erasure.

Placeholder people: "Nadia Orchidea", a named Malaysian champion of a 2023 outcome."""

from __future__ import annotations

import pytest

from accounts import services as account_services
from outcomes import services as outcome_services
from outcomes.models import ReportStatus, StoredReport
from participants import services as participant_services
from participants.models import Visibility
from tests import factories
from tests.outcomes.factories import OutcomeFactory
from tests.outcomes.reports.pdf import report_text

pytestmark = pytest.mark.django_db

NAME = "Nadia Orchidea"


@pytest.fixture
def w(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    admin = factories.UserFactory(email="admin@example.org")
    account_services.set_role(user=admin, role="admin")
    my = factories.CountryFactory(code="MY")
    champion = factories.ParticipantFactory(
        user=factories.UserFactory(email="nadia@example.org"),
        email="nadia@example.org",
        full_name=NAME,
        country=my,
        consent_named_in_reports=True,
    )
    outcome = OutcomeFactory(country=my, date="2023-05-01")
    outcome.champions.add(champion)
    return {"admin": admin, "champion": champion, "outcome": outcome}


def _report(w, year: int, django_capture_on_commit_callbacks) -> StoredReport:
    with django_capture_on_commit_callbacks(execute=True):
        report = outcome_services.request_report(
            kind="annual", start_year=year, end_year=year, language="en", fmt="csv", by=w["admin"]
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    return report


def _text(report: StoredReport) -> str:
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        return report_text(handle.read(), "csv")


def _withdraw_by_staff(w):
    participant_services.set_consents(
        participant=w["champion"], by=w["admin"], consents={"consent_named_in_reports": False}
    )


def _hide_by_staff(w):
    participant_services.update_participant(
        participant=w["champion"], by=w["admin"], visibility=Visibility.HIDDEN
    )


def _withdraw_in_my_profile(w):
    champion = w["champion"]
    participant_services.update_profile(
        participant=champion,
        by=champion.user,
        preferred_language="en",
        display_name=champion.display_name,
        visibility=champion.visibility,
        consents={"consent_named_in_reports": False},
    )


@pytest.mark.parametrize("change", [_withdraw_by_staff, _hide_by_staff, _withdraw_in_my_profile])
def test_a_withdrawn_consent_renders_the_reports_that_named_them_again(
    w, change, django_capture_on_commit_callbacks
):
    report = _report(w, 2023, django_capture_on_commit_callbacks)
    other_year = _report(w, 2021, django_capture_on_commit_callbacks)
    other_file = other_year.file.name
    assert NAME in _text(report)

    with django_capture_on_commit_callbacks(execute=True):
        change(w)

    assert NAME not in _text(report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    other_year.refresh_from_db()
    assert other_year.file.name == other_file  # a report that never printed them stays


def test_a_consent_given_marks_the_reports_that_described_them_outdated(
    w, django_capture_on_commit_callbacks
):
    _withdraw_by_staff(w)
    report = _report(w, 2023, django_capture_on_commit_callbacks)
    other_year = _report(w, 2021, django_capture_on_commit_callbacks)
    assert NAME not in _text(report)

    participant_services.set_consents(
        participant=w["champion"], by=w["admin"], consents={"consent_named_in_reports": True}
    )

    report.refresh_from_db()
    other_year.refresh_from_db()
    assert report.outdated_at is not None
    assert other_year.outdated_at is None


def test_a_change_that_keeps_the_naming_leaves_reports_alone(w, django_capture_on_commit_callbacks):
    report = _report(w, 2023, django_capture_on_commit_callbacks)
    before = report.file.name
    participant_services.set_consents(
        participant=w["champion"], by=w["admin"], consents={"consent_photographed": True}
    )
    report.refresh_from_db()
    assert (report.file.name, report.outdated_at) == (before, None)
