"""Reports (PDF, CSV, XLSX; annual and five-year) name only consenting, named champions."""

from __future__ import annotations

import pytest

from outcomes.models import ChallengeLesson
from participants.models import Participant
from tests.security.leaks.surfaces import (
    CONSENTING,
    HIDDEN,
    HIDDEN_COUNTRY,
    PSEUDONYMOUS,
    PSEUDONYMOUS_COUNTRY,
    UNSEEN_NON_CHAMPION,
    assert_absent,
    hidden_words,
    non_consenting_words,
    pseudonymous_words,
    report_in,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["annual", "five-year"])
@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_reports_name_only_consenting_named_champions(people, champions, fmt, kind):
    # The words are in the database, in the outcome and challenge texts the report prints.
    assert ChallengeLesson.objects.filter(what_happened__contains=HIDDEN["full_name"]).exists()
    assert champions["outcome"].what_changed.startswith(HIDDEN["full_name"])
    assert Participant.objects.filter(full_name=UNSEEN_NON_CHAMPION, visibility="hidden").exists()
    text = report_in(fmt, kind)
    # The report is really there, with the outcome and the consenting champion by name.
    assert "Community placement for families" in text
    assert CONSENTING["full_name"] in text
    assert f"with {CONSENTING['full_name']}" in text  # in the outcome text, whole
    assert "a government official from Malaysia" in text or "from Malaysia" in text
    texts = {f"{kind}.{fmt}": (200, text)}
    # Countries are reported in aggregate ("a government official from Australia" too).
    assert_absent(texts, [w for w in hidden_words() if w != HIDDEN_COUNTRY[1]], "report")
    pseudonymous = [w for w in pseudonymous_words() if w != PSEUDONYMOUS_COUNTRY[1]]
    assert_absent(texts, [*pseudonymous, PSEUDONYMOUS["display_name"]], "report")
    assert_absent(texts, [*non_consenting_words(), UNSEEN_NON_CHAMPION], "report")
