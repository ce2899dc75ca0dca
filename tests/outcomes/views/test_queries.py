"""Query counts of the outcome, challenge and stored-report lists, identical for 1 and 3 items."""

from __future__ import annotations

import pytest
from django.urls import reverse

from outcomes.models import ReportStatus
from tests import factories as core
from tests.outcomes import factories

pytestmark = pytest.mark.django_db


def _make_outcomes(n):
    country = core.CountryFactory(code="TH")
    for _ in range(n):
        o = factories.OutcomeFactory(country=country)
        o.champions.set([core.ParticipantFactory(country=country)])


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("params", [{}, {"q": "OUTCOME number", "kind": "", "sort": "-champions"}])
def test_outcome_list_query_count(staff_client, django_assert_num_queries, count, params):
    _make_outcomes(count)
    # user, their participant record (session: cache), groups (role), outcome years, countries for
    # the filter, paginator count, the outcomes page with annotated counts; then the idle
    # timeout's session save (savepoint, update, release).
    with django_assert_num_queries(10):
        response = staff_client.get(reverse("outcomes:staff-list"), params)
    assert response.status_code == 200
    assert response.content.count(b"Outcome number") == count


@pytest.mark.parametrize("count", [1, 3])
def test_challenge_list_query_count(staff_client, django_assert_num_queries, count):
    for _ in range(count):
        factories.ChallengeLessonFactory()
    # user, their participant record (session: cache), groups (role), the lessons; then the idle
    # timeout's session save (savepoint, update, release).
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("outcomes:challenges"))
    assert response.content.count(b"happened") == count


@pytest.mark.parametrize("count", [1, 3])
def test_stored_report_list_query_count(
    admin_client_, admin_user, django_assert_num_queries, count
):
    for _ in range(count):
        factories.StoredReportFactory(generated_by=admin_user, status=ReportStatus.RENDERING)
    # 29: user, their participant record (session: cache), groups (role), the reports with
    # their requesters (and each one's previous ready file, in the same query): 4; the
    # latest year with activity (convenings, outcomes): 2; the preview's figures: 20
    # (report_data's 23, see tests/outcomes/reports/test_selectors.py, less the three
    # outcome prefetches that do not run without outcomes); the idle timeout's session
    # save (savepoint, update, release): 3.
    with django_assert_num_queries(29):
        response = admin_client_.get(reverse("outcomes:reports"))
    assert response.content.count(b'hx-trigger="every 2s"') == count
