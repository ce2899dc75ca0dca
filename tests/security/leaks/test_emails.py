"""The follow-up e-mail and the briefing pack e-mail name nobody they should not."""

from __future__ import annotations

import pytest

from briefings import services as briefing_services
from engagement import followups
from tests.briefings.factories import BriefingFactory, BriefingPackFactory
from tests.security.leaks.surfaces import (
    HIDDEN,
    NAMED,
    PSEUDONYMOUS,
    assert_absent,
    hidden_words,
    pseudonymous_words,
)

pytestmark = pytest.mark.django_db


def test_the_follow_up_email_carries_notes_without_attribution(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        followups.run_schedule()
    to_viewer = [m for m in mailoutbox if m.to == [people["viewer"].email]]
    assert len(to_viewer) == 1
    body = to_viewer[0].subject + to_viewer[0].body
    assert "Community placement worked better" in body  # the published notes are in it
    texts = {"follow-up e-mail": (200, body)}
    assert_absent(texts, hidden_words() + pseudonymous_words(), "follow-up e-mail")
    # Notes name nobody: not the attendees, not the staff member who published them.
    assert_absent(texts, [NAMED["full_name"], NAMED["organisation"], "staff@example.org"], "notes")
    # The hidden person's own e-mail holds only their own actions, nobody else's name.
    to_hidden = [m for m in mailoutbox if m.to == [HIDDEN["email"]]]
    assert len(to_hidden) == 1
    assert "Pseudonymous own action" not in to_hidden[0].body
    assert_absent(
        {"hidden's e-mail": (200, to_hidden[0].body)}, pseudonymous_words(), "follow-up e-mail"
    )


def test_the_briefing_pack_email_names_nobody_else(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    pack = BriefingPackFactory(
        convening=people["upcoming"],
        briefings=[
            BriefingFactory(convening=people["upcoming"], title_en="Alternatives to detention")
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        briefing_services.send_briefing_pack(pack=pack, by=people["staff"])
    # One message each to the viewer, the named, the pseudonymous and the hidden person.
    assert len(mailoutbox) == 4
    to_viewer = [m for m in mailoutbox if m.to == [people["viewer"].email]]
    assert len(to_viewer) == 1
    assert to_viewer[0].cc == to_viewer[0].bcc == []
    body = to_viewer[0].subject + to_viewer[0].body
    assert "Alternatives to detention" in body
    texts = {"pack e-mail": (200, body)}
    assert_absent(texts, hidden_words() + pseudonymous_words(), "pack e-mail")
    assert_absent(texts, [NAMED["full_name"], PSEUDONYMOUS["display_name"]], "pack e-mail")
