"""The demo seed: deterministic, idempotent, all four kinds, consenting and not."""

from __future__ import annotations

import io

import pytest

from outcomes import demo
from outcomes.models import ChallengeCategory, ChallengeLesson, FrameworkCommitment, Outcome
from participants.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    """The people and convenings that `seed_demo` builds before the outcomes demo."""
    from convenings import demo as convenings_demo
    from participants import demo as participants_demo

    participants_demo.seed(scale=1, stdout=io.StringIO())
    convenings_demo.seed(scale=1, stdout=io.StringIO())


def test_seed_builds_outcomes_and_a_second_run_adds_nothing(directory):
    demo.seed(scale=1, stdout=io.StringIO())
    counts = (Participant.objects.count(), Outcome.objects.count(), ChallengeLesson.objects.count())
    assert counts[0] == 157
    assert counts[1] >= 20
    assert set(Outcome.objects.values_list("kind", flat=True)) == {
        "national_reform",
        "policy_champion",
        "collaboration",
        "regional_cooperation",
    }
    assert Outcome.objects.filter(country__isnull=True).exists()
    assert set(Outcome.objects.exclude(country=None).values_list("country__code", flat=True)) == {
        "TH",
        "MY",
        "ID",
        "AU",
        "NZ",
    }
    assert FrameworkCommitment.objects.filter(code="GCM 13").exists()
    assert {c for c, _ in ChallengeCategory.choices} == set(
        ChallengeLesson.objects.values_list("category", flat=True)
    )
    champions = Participant.objects.filter(championed_outcomes__isnull=False).distinct()
    assert champions.filter(consent_named_in_reports=True).exists()
    assert champions.filter(consent_named_in_reports=False).exists()
    demo.seed(scale=1, stdout=io.StringIO())
    assert counts == (
        Participant.objects.count(),
        Outcome.objects.count(),
        ChallengeLesson.objects.count(),
    )
