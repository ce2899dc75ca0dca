"""After a change of visibility or an erasure, no surface names the person any more."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from engagement import followups
from engagement.models import ActionUpdate
from participants.erasure import erase_person
from participants.models import Visibility
from tests.engagement.factories import FollowUpActionFactory
from tests.outcomes.factories import OutcomeFactory
from tests.security.leaks.surfaces import (
    HIDDEN,
    NAMED,
    PSEUDONYMOUS,
    assert_absent,
    fetch_all,
    portal_pages,
    report_in,
    signed_in,
)

pytestmark = pytest.mark.django_db


def _profile(client, person, **changes):
    data = {
        "preferred_language": person.preferred_language,
        "display_name": person.display_name,
        "visibility": person.visibility,
        **changes,
    }
    response = client.post(reverse("participants:portal-profile"), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_change_of_visibility_shows_on_the_attendee_list_at_once(people):
    viewer = signed_in(people["viewer"].user)
    url = reverse("convenings:portal-attendees", args=[people["held"].pk])
    page = viewer.get(url).content.decode()
    for word in (NAMED["full_name"], NAMED["organisation"], NAMED["position"], "Malaysia"):
        assert word in page
    assert PSEUDONYMOUS["display_name"] in page

    # The named person turns pseudonymous: from the next request, display name only.
    _profile(
        signed_in(people["named"].user),
        people["named"],
        visibility=Visibility.PSEUDONYMOUS,
        display_name="Nadia O.",
    )
    page = viewer.get(url).content.decode()
    assert "Nadia O." in page
    for word in (NAMED["full_name"], NAMED["organisation"], NAMED["position"], "Malaysia"):
        assert word not in page
    # The pseudonymous person hides: gone from the list.
    _profile(
        signed_in(people["pseudonymous"].user), people["pseudonymous"], visibility=Visibility.HIDDEN
    )
    assert PSEUDONYMOUS["display_name"] not in viewer.get(url).content.decode()


def _write_name_everywhere(people, name: str) -> None:
    """Text typed before the change, straight into the tables (as older data would be)."""
    from convenings.models import AgendaSession, SiteVisit

    held, upcoming, viewer = people["held"], people["upcoming"], people["viewer"]
    for convening in (held, upcoming):
        AgendaSession.objects.filter(convening=convening).update(facilitators=f"{name} and staff")
        SiteVisit.objects.filter(convening=convening).update(learning_en=f"Hosted by {name}.")
    action = FollowUpActionFactory(convening=held, owner=viewer, title=f"Send the guide to {name}")
    ActionUpdate.objects.create(action=action, author=viewer.user, text=f"Met {name} in May")
    OutcomeFactory(
        country=people["viewer"].country,
        date=dt.date(2023, 5, 1),
        title="Referral guide adopted",
        what_changed=f"{name} drafted the referral guide.",
    ).champions.set([viewer])


def _every_surface(people, client, mailoutbox, capture) -> dict[str, tuple[int, str]]:
    texts = fetch_all(client, [*portal_pages(people), reverse("accounts:portal-my-data-page")])
    with capture(execute=True):
        followups.run_schedule()
    for message in mailoutbox:
        if message.to == [people["viewer"].email]:
            texts[f"e-mail {message.subject}"] = (200, message.subject + message.body)
    for fmt in ("pdf", "csv", "xlsx"):
        texts[f"report.{fmt}"] = (200, report_in(fmt, "annual"))
    return texts


def test_after_an_erasure_no_surface_names_the_erased_person(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    hidden = people["hidden"]
    _write_name_everywhere(people, HIDDEN["full_name"])
    staff_before = signed_in(people["staff"]).get(
        reverse("convenings:staff-agenda", args=[people["held"].pk])
    )
    assert HIDDEN["full_name"] in staff_before.content.decode()  # the name really is there

    erase_person(participant=hidden, by=people["staff"])

    texts = _every_surface(
        people, signed_in(people["viewer"].user), mailoutbox, django_capture_on_commit_callbacks
    )
    assert {url: s for url, (s, _t) in texts.items() if s not in (200, 302)} == {}
    assert "drafted the referral guide" in texts["report.csv"][1]
    words = [HIDDEN["full_name"], "Concealed", "Tamatea", HIDDEN["email"], HIDDEN["display_name"]]
    assert_absent(texts, words, "after erasure")
    # Staff pages no longer hold the name either (only the placeholder).
    staff = signed_in(people["staff"])
    staff_pages = [
        reverse("convenings:staff-agenda", args=[people["held"].pk]),
        reverse("convenings:staff-site-visits", args=[people["held"].pk]),
        reverse("convenings:staff-invitations", args=[people["held"].pk]),
        reverse("engagement:staff-actions", args=[people["held"].pk]),
        reverse("engagement:staff-followups", args=[people["held"].pk]),
        reverse("participants:staff-directory"),
        reverse("participants:staff-protection"),
    ]
    assert_absent(fetch_all(staff, staff_pages), words, "staff pages after erasure")


def test_after_a_visibility_change_no_surface_names_the_newly_hidden_person(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    named = people["named"]
    _write_name_everywhere(people, NAMED["full_name"])
    viewer = signed_in(people["viewer"].user)
    detail = reverse("convenings:portal-detail", args=[people["held"].pk])
    assert NAMED["full_name"] in viewer.get(detail).content.decode()  # shown while named

    _profile(signed_in(named.user), named, visibility=Visibility.HIDDEN)

    texts = _every_surface(people, viewer, mailoutbox, django_capture_on_commit_callbacks)
    assert {url: s for url, (s, _t) in texts.items() if s not in (200, 302)} == {}
    words = [NAMED["full_name"], "Orchidea", NAMED["email"]]
    assert_absent(texts, words, "after hiding")
    # Staff see what was taken down, and why.
    listing = signed_in(people["staff"]).get(reverse("participants:staff-protection"))
    assert NAMED["full_name"] in listing.content.decode()
