"""A pack goes out once per press of "Send the pack", however often the POST arrives.

The form carries a send key drawn when the page is shown (common/sends.py); the
database keeps one pack per key. Concurrent POSTs are tested on PostgreSQL with a real
worker in tests/briefings/test_integration.py: the in-memory SQLite test database locks
whole tables between threads and would answer "table is locked" instead of waiting.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from briefings import services
from briefings.models import BriefingPack, PackDelivery
from tests import factories
from tests.briefings.factories import BriefingFactory


def _key(html: str) -> str:
    return re.search(r'name="send_key" value="([0-9a-f-]{36})"', html).group(1)


@pytest.fixture
def invitees(convening):
    return [
        factories.InvitationFactory(convening=convening, status="accepted").participant
        for _ in range(3)
    ]


def test_each_showing_of_the_pack_form_carries_a_new_send_key(staff_client, convening):
    BriefingFactory(convening=convening)
    url = reverse("briefings:staff-convening-packs", args=[convening.pk])
    first, second = (_key(staff_client.get(url).content.decode()) for _ in range(2))
    assert first != second
    assert "data-send-once" in staff_client.get(url).content.decode()


def test_the_same_pack_form_posted_twice_builds_and_sends_one_pack(
    staff_client, convening, invitees, fast_pdf, django_capture_on_commit_callbacks, mailoutbox
):
    briefing = BriefingFactory(convening=convening)
    url = reverse("briefings:staff-convening-packs", args=[convening.pk])
    data = {
        "briefings": [briefing.pk],
        "send_key": _key(staff_client.get(url).content.decode()),
        "confirm": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = staff_client.post(url, data)
    with django_capture_on_commit_callbacks(execute=True):
        second = staff_client.post(url, data, follow=True)

    pack = BriefingPack.objects.get()
    # The second POST lands on the first send's page, told that nothing went out again.
    assert first["Location"] == reverse("briefings:staff-pack", args=[pack.pk])
    assert second.redirect_chain == [(reverse("briefings:staff-pack", args=[pack.pk]), 302)]
    assert "This pack was already sent; nothing was sent again." in second.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in invitees)
    assert PackDelivery.objects.count() == 3


def test_a_pack_post_without_its_send_key_sends_nothing_and_says_why(
    staff_client, convening, invitees, mailoutbox
):
    briefing = BriefingFactory(convening=convening)
    url = reverse("briefings:staff-convening-packs", args=[convening.pk])
    for data in ({"briefings": [briefing.pk]}, {"briefings": [briefing.pk], "send_key": "x"}):
        response = staff_client.post(url, data)
        assert response.status_code == 200
        assert "This page is out of date: reload it and send again." in response.content.decode()
    assert not BriefingPack.objects.exists()
    assert mailoutbox == []


def test_send_new_pack_with_a_used_key_returns_the_first_pack(convening, invitees, staff_user):
    briefing = BriefingFactory(convening=convening)
    key = uuid.uuid4()
    first = services.send_new_pack(
        convening=convening, briefings=[briefing], by=staff_user, send_key=key
    )
    again = services.send_new_pack(
        convening=convening, briefings=[briefing], by=staff_user, send_key=key
    )
    assert (first.added, first.repeated) == (3, False)
    assert (again.pack, again.added, again.repeated) == (first.pack, 0, True)


def test_send_to_newly_invited_twice_sends_only_once(
    staff_client,
    convening,
    invitees,
    staff_user,
    fast_pdf,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    briefing = BriefingFactory(convening=convening)
    pack = services.create_pack(convening=convening, briefings=[briefing], by=staff_user)
    url = reverse("briefings:staff-pack-send", args=[pack.pk])
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(url, {"confirm": "1"}, follow=True)
    assert len(mailoutbox) == 3
    assert (
        "Everyone invited already has this pack; nothing was sent again."
        in response.content.decode()
    )


def test_two_tabs_of_the_pack_form_send_the_same_briefings_once(
    staff_client, convening, invitees, fast_pdf, django_capture_on_commit_callbacks, mailoutbox
):
    # Each tab drew its own key; both confirm the same briefings.
    briefing = BriefingFactory(convening=convening)
    url = reverse("briefings:staff-convening-packs", args=[convening.pk])
    tabs = [_key(staff_client.get(url).content.decode()) for _ in range(2)]
    responses = []
    for key in tabs:
        with django_capture_on_commit_callbacks(execute=True):
            responses.append(
                staff_client.post(
                    url, {"briefings": [briefing.pk], "send_key": key, "confirm": "1"}, follow=True
                )
            )
    pack = BriefingPack.objects.get()
    assert responses[1].redirect_chain == [(reverse("briefings:staff-pack", args=[pack.pk]), 302)]
    assert "nothing was sent again" in responses[1].content.decode()
    assert len(mailoutbox) == 3
    # The second tab's first POST (before its confirmation step) already says so.
    response = staff_client.post(
        url, {"briefings": [briefing.pk], "send_key": str(uuid.uuid4())}, follow=True
    )
    assert "nothing was sent again" in response.content.decode()
    assert BriefingPack.objects.count() == 1


def test_the_same_briefings_go_out_again_only_when_staff_say_so(
    convening, invitees, staff_user, fast_pdf
):
    briefing, other = BriefingFactory(convening=convening), BriefingFactory(convening=convening)
    first = services.send_new_pack(
        convening=convening, briefings=[briefing], by=staff_user, send_key=uuid.uuid4()
    )
    twin = services.send_new_pack(
        convening=convening, briefings=[briefing], by=staff_user, send_key=uuid.uuid4()
    )
    assert (twin.pack, twin.added, twin.repeated, twin.same_briefings) == (
        first.pack,
        0,
        True,
        True,
    )
    # Another choice of briefings is another pack.
    larger = services.send_new_pack(
        convening=convening, briefings=[briefing, other], by=staff_user, send_key=uuid.uuid4()
    )
    assert (larger.repeated, larger.added) == (False, 3)
    again = services.send_new_pack(
        convening=convening, briefings=[briefing], by=staff_user, send_key=uuid.uuid4(), again=True
    )
    assert (again.repeated, again.added) == (False, 3)
    assert BriefingPack.objects.count() == 3
