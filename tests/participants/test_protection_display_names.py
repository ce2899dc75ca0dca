"""Display names that would pass for someone else."""

from __future__ import annotations

import pytest

from participants import protection
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_a_display_name_may_not_be_someone_elses_name_or_pseudonym():
    nadia = ParticipantFactory(full_name="Nadia Orchidea", display_name="River")
    ParticipantFactory(full_name="Ahmad Ibrahim")
    in_use = protection.names_in_use()
    assert in_use.chosen == {protection.name_key("River")}
    # Someone else's pseudonym, in any case or accents: taken.
    assert protection.name_taken(display_name="RIVER", full_name="Lee Example", in_use=in_use)
    # Someone else's real name as a chosen name: taken.
    assert protection.name_taken(
        display_name="Ahmad Ibrahim", full_name="Lee Example", in_use=in_use
    )
    # A namesake shown under their own name: allowed.
    assert not protection.name_taken(
        display_name="Ahmad Ibrahim", full_name="Ahmad Ibrahim", in_use=in_use
    )
    # Nobody is kept from their own name.
    assert not protection.name_taken(
        display_name="River",
        full_name="Nadia Orchidea",
        in_use=protection.names_in_use(exclude=nadia.pk),
    )
