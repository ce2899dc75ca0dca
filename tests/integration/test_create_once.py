"""Two POSTs of the same new-convening (and new-outcome) form at the same moment, on
PostgreSQL: one record, and both requests are answered with it.

The tester of issue 15 made two convenings with two concurrent POSTs; the form's one-time
key (common/once.py) is stored under a unique constraint, so PostgreSQL makes the
second insert wait for the first and then refuses it, and the second request finds the
first's record.
"""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from convenings.models import Convening
from outcomes.models import Outcome
from tests import factories
from tests.integration.test_send_once import _post_at_once, _staff_clients

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_posts_of_the_new_convening_form_create_one_convening():
    country = factories.CountryFactory(code="TH")
    clients = _staff_clients(2)
    data = {
        "create_key": str(uuid.uuid4()),
        "title_en": "Regional forum",
        "host_country": country.pk,
        "city": "Bangkok",
        "start_date": "2031-03-01",
        "end_date": "2031-03-02",
        "format": "in_person",
        "status": "open",
        "currency": "USD",
        "cost_travel": "0",
        "cost_venue": "0",
        "cost_interpretation": "0",
        "cost_other": "0",
    }
    answers = _post_at_once(reverse("convenings:staff-create"), [(c, data) for c in clients])
    convening = Convening.objects.get()
    assert answers == [reverse("convenings:staff-detail", args=[convening.pk])] * 2


def test_two_concurrent_posts_of_the_new_outcome_form_record_one_outcome():
    clients = _staff_clients(2)
    data = {
        "create_key": str(uuid.uuid4()),
        "kind": "policy_champion",
        "country": "",
        "date": "2024-03-01",
        "verification": "reported",
        "title_en": "A pilot",
        "what_changed_en": "It started.",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    answers = _post_at_once(reverse("outcomes:staff-create"), [(c, data) for c in clients])
    outcome = Outcome.objects.get()
    assert answers == [reverse("outcomes:staff-edit", args=[outcome.pk])] * 2
