"""The substantiation rule (outcomes/substantiation_selectors.py): one state per set of
answers, the same in Python and as the staff list's database filter."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from outcomes.models import Outcome
from outcomes.substantiation_selectors import (
    STATE_KEYS,
    StateKey,
    in_state,
    state_from_counts,
    substantiation_label,
    substantiation_state,
    with_substantiation,
)
from tests.outcomes import factories

CASES = [
    ((), StateKey.NONE, "Not put to substantiators"),
    ((None, None), StateKey.AWAITING, "Awaiting answers (2 people asked)"),
    ((None,), StateKey.AWAITING, "Awaiting answers (1 person asked)"),
    (("fully", "fully", None), StateKey.SUBSTANTIATED, "Substantiated by 2 of 3"),
    (("fully", "partly", "fully"), StateKey.SUBSTANTIATED, "Substantiated by 3 of 3; 1 partly"),
    (("partly",), StateKey.SUBSTANTIATED, "Substantiated by 1 of 1; 1 partly"),
    (
        ("fully", "not_at_all", None),
        StateKey.CONTESTED,
        "Contested: 1 agree, 1 disagree, of 3 asked",
    ),
    (
        ("not_at_all", "not_at_all"),
        StateKey.NOT_SUBSTANTIATED,
        "Not substantiated: 2 of 2 disagree",
    ),
    (("not_at_all", None), StateKey.NOT_SUBSTANTIATED, "Not substantiated: 1 of 2 disagree"),
]


@pytest.mark.parametrize(("answers", "key", "label"), CASES)
def test_the_rule(answers, key, label):
    state = state_from_counts(
        asked=len(answers),
        fully=answers.count("fully"),
        partly=answers.count("partly"),
        not_at_all=answers.count("not_at_all"),
    )
    assert state.key == key
    assert state.label == label


@pytest.mark.django_db
def test_the_database_filter_agrees_with_the_rule():
    made = {}
    for answers, key, _label in CASES:
        outcome = factories.OutcomeFactory()
        factories.substantiated(outcome, *answers)
        made[outcome.pk] = key
    for key in STATE_KEYS:
        found = set(
            with_substantiation(Outcome.objects.all())
            .filter(in_state(key))
            .values_list("pk", flat=True)
        )
        assert found == {pk for pk, k in made.items() if k == key}, key
    # One outcome read alone (no annotations) gets the same state as in a list.
    for outcome in with_substantiation(Outcome.objects.all()):
        assert substantiation_state(outcome) == substantiation_state(
            Outcome.objects.get(pk=outcome.pk)
        )


@pytest.mark.django_db
def test_the_old_menu_does_not_make_an_outcome_substantiated():
    outcome = factories.OutcomeFactory(verification="substantiated")
    assert substantiation_state(outcome).key == StateKey.NONE


@pytest.mark.django_db
def test_the_label_is_in_the_readers_language():
    outcome = factories.OutcomeFactory()
    factories.substantiated(outcome, "fully", "partly")
    with translation.override("th"):
        assert substantiation_label(outcome) == "ได้รับการยืนยันโดย 2 จาก 2 คน; เห็นด้วยบางส่วน 1 คน"


@pytest.mark.django_db
def test_the_staff_list_shows_and_filters_by_state(staff_client):
    agreed = factories.OutcomeFactory(title="Agreed one")
    factories.substantiated(agreed, "fully", "fully")
    disputed = factories.OutcomeFactory(title="Disputed one")
    factories.substantiated(disputed, "fully", "not_at_all")
    factories.OutcomeFactory(title="Unasked one", verification="substantiated")
    url = reverse("outcomes:staff-list")
    page = staff_client.get(url).content.decode()
    assert "Substantiated by 2 of 2" in page
    assert "Contested: 1 agree, 1 disagree, of 2 asked" in page
    assert "Not put to substantiators" in page
    page = staff_client.get(url, {"substantiation": "substantiated"}).content.decode()
    assert "Agreed one" in page
    assert "Disputed one" not in page
    assert "Unasked one" not in page
    page = staff_client.get(url, {"sort": "-substantiation"}).content.decode()
    assert page.index("Agreed one") < page.index("Unasked one")


@pytest.mark.django_db
def test_the_outcome_page_shows_the_state_and_no_verification_menu(staff_client):
    outcome = factories.OutcomeFactory(verification="substantiated")
    factories.substantiated(outcome, "not_at_all")
    page = staff_client.get(reverse("outcomes:staff-edit", args=[outcome.pk]))
    html = page.content.decode()
    assert 'name="verification"' not in html
    assert "Not substantiated: 1 of 1 disagree" in html
    assert reverse("outcomes:substantiation", args=[outcome.pk]) in html
