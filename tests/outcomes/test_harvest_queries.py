"""Query counts of the harvest pages, pinned with 1 and 3 items."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.urls import reverse

from outcomes import harvest
from outcomes.models import Credit
from tests import factories as core

from . import factories

pytestmark = pytest.mark.django_db


def _submission(participant=None):
    submission, _ = harvest.submit_outcome(
        participant=participant or core.ParticipantFactory(),
        data={
            "what_changed": "A new referral pathway",
            "actor_kind": "government",
            "who_changed": "The ministry",
            "date": dt.date(2024, 1, 1),
            "country": None,
            "significance": "Children stay with families.",
            "contribution": "A site visit.",
            "evidence_url": "",
            "credit": Credit.NAMED,
        },
        create_key=uuid.uuid4(),
        language="en",
        by=None,
    )
    return submission


@pytest.mark.parametrize("n", [1, 3])
def test_review_list_queries(n, staff_client, django_assert_num_queries):
    for _ in range(n):
        _submission()
    url = reverse("outcomes:staff-harvest")
    staff_client.get(url)
    # user, their participant record (session: cache), groups, the page's count, the
    # page's rows (with participant, country, organisation, outcome), the waiting count
    with django_assert_num_queries(6):
        response = staff_client.get(url)
    assert response.content.decode().count("A new referral pathway") == n


@pytest.mark.parametrize("n", [1, 3])
def test_my_outcomes_queries(n, participant, participant_client, django_assert_num_queries):
    for _ in range(n):
        _submission(participant)
    url = reverse("outcomes:portal-harvest")
    participant_client.get(url)
    # user, their participant record (session: cache), groups, the submissions (with country)
    with django_assert_num_queries(4):
        response = participant_client.get(url)
    assert response.content.decode().count("A new referral pathway") == n


@pytest.mark.parametrize("n", [1, 3])
def test_learning_page_queries(n, staff_client, django_assert_num_queries):
    convening = core.ConveningFactory(title="Bangkok 2023")
    for i in range(n):
        outcome = factories.OutcomeFactory(date=dt.date(2020 + i, 5, 1), title=f"Change {i}")
        outcome.convenings.set([convening])
    url = reverse("outcomes:staff-learning")
    staff_client.get(url)
    # user, their participant record (session: cache), groups, outcomes with country,
    # their convenings, the convenings with outcomes (with host country), their outcomes
    with django_assert_num_queries(7):
        response = staff_client.get(url)
    page = response.content.decode()
    assert page.count("Bangkok 2023") == 1
    assert (
        page.count("<rect class=") == n + 4
    )  # a bar part per year, one square per kind in the legend


@pytest.mark.parametrize("language", ["en", "id", "ms", "th"])
def test_the_learning_chart_draws_in_every_language(language, staff_client, staff_user):
    # Indonesian and Malay write 126.0 as "126,0", which is no SVG length: the browser drops
    # the bars. The chart's numbers are plain in every language.
    staff_user.language = language
    staff_user.save(update_fields=["language"])
    for i in range(3):
        factories.OutcomeFactory(date=dt.date(2020 + i, 5, 1), title=f"Change {i}")
    page = staff_client.get(reverse("outcomes:staff-learning")).content.decode()
    lengths = re.findall(r'<rect [^>]*?(?:x|y|width|height)="([^"]*)"', page)
    assert lengths
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in lengths), lengths
