"""The demo shows every substantiation state, and a second run asks nobody again."""

from __future__ import annotations

import io

import pytest

from outcomes import demo
from outcomes.models import Outcome, Substantiator
from outcomes.substantiation_selectors import STATE_KEYS, substantiation_state, with_substantiation

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    from convenings import demo as convenings_demo
    from participants import demo as participants_demo

    participants_demo.seed(scale=1, stdout=io.StringIO())
    convenings_demo.seed(scale=1, stdout=io.StringIO())


def test_the_demo_shows_every_state_and_a_second_run_adds_nothing(directory):
    demo.seed(scale=1, stdout=io.StringIO())
    states = {substantiation_state(o).key for o in with_substantiation(Outcome.objects.all())}
    assert states == set(STATE_KEYS)
    asked = Substantiator.objects.count()
    assert Substantiator.objects.filter(participant__isnull=True).exists()  # outside people
    assert Substantiator.objects.filter(participant__isnull=False).exists()
    assert set(Substantiator.objects.values_list("language", flat=True)) >= {"en", "id", "ms", "th"}
    demo.seed(scale=1, stdout=io.StringIO())
    assert Substantiator.objects.count() == asked
