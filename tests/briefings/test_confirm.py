"""The confirmation step before a pack goes out (common/sends.py, sends/confirm.html).

The first POST of "Send the pack" sends nothing: it shows how many people get it, in
which languages, what is attached, and the e-mail one person of each language gets, in
that language. The confirm POST carries the same send key and sends.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from briefings.models import BriefingPack, PackDelivery
from participants.models import Visibility
from tests import factories
from tests.briefings.factories import BriefingFactory

pytestmark = pytest.mark.django_db


def _invite(convening, *, language, name, visibility=Visibility.NAMED, status="accepted"):
    person = factories.ParticipantFactory(
        preferred_language=language, full_name=name, visibility=visibility
    )
    factories.InvitationFactory(convening=convening, participant=person, status=status)
    return person


@pytest.fixture
def people(convening):
    return {
        "en": _invite(convening, language="en", name="Emma English"),
        # A hidden person first in Thai: the sample is the named one.
        "th_hidden": _invite(
            convening, language="th", name="Hidden Thai", visibility=Visibility.HIDDEN
        ),
        "th": _invite(convening, language="th", name="Somchai Thai"),
        "ms": _invite(convening, language="ms", name="Aminah Malay", status="invited"),
    }


def test_the_first_post_shows_counts_languages_attachments_and_each_languages_email(
    staff_client, convening, people, fast_pdf, mailoutbox
):
    briefing = BriefingFactory(convening=convening, title_en="Screening and referral")
    url = reverse("briefings:staff-convening-packs", args=[convening.pk])
    key = str(uuid.uuid4())
    response = staff_client.post(url, {"briefings": [briefing.pk], "send_key": key})

    assert response.status_code == 200
    assert not BriefingPack.objects.exists()
    assert mailoutbox == []
    html = response.text
    assert "This goes to 4 people" in html
    counts = dict(re.findall(r'data-language="(\w+)">(\d+)<', html))
    assert counts == {"en": "1", "ms": "1", "th": "2"}
    # What goes out in Thai and in Malay, as the delivery task composes it.
    assert "ชุดเอกสารบรรยายสรุป: การประชุมกรุงเทพฯ" in html
    assert "เรียน คุณ Somchai Thai" in html
    assert "ขอส่งชุดเอกสารบรรยายสรุปสำหรับ" in html
    assert "Pek taklimat: Bangkok convening" in html
    assert "Aminah Malay" in html
    assert "Briefing pack: Bangkok convening" in html
    # The attachments, per language.
    assert "screening-and-referral-th.pdf" in html
    assert "screening-and-referral-ms.pdf" in html
    # No address, and the hidden person is not the sample while a named one exists.
    for person in people.values():
        assert person.email not in html
    assert "Hidden Thai" not in html
    # The confirm form carries the same key.
    assert f'name="send_key" value="{key}"' in html
    assert 'name="confirm" value="1"' in html


def test_confirming_sends_once_and_a_repeated_confirm_answers_with_the_first_result(
    staff_client, convening, people, fast_pdf, mailoutbox, django_capture_on_commit_callbacks
):
    briefing = BriefingFactory(convening=convening)
    url = reverse("briefings:staff-convening-packs", args=[convening.pk])
    data = {"briefings": [briefing.pk], "send_key": str(uuid.uuid4()), "confirm": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        first = staff_client.post(url, data)
    with django_capture_on_commit_callbacks(execute=True):
        second = staff_client.post(url, data)
    # The first form's POST again with the used key (the back button, a script): the
    # first send's page too, not a second preview.
    with django_capture_on_commit_callbacks(execute=True):
        third = staff_client.post(url, {k: v for k, v in data.items() if k != "confirm"})
    pack = BriefingPack.objects.get()
    page = reverse("briefings:staff-pack", args=[pack.pk])
    assert first["Location"] == second["Location"] == third["Location"] == page
    assert len(mailoutbox) == 4
    assert PackDelivery.objects.count() == 4


def test_sending_to_newly_invited_is_previewed_for_those_people_only(
    staff_client, convening, people, fast_pdf, mailoutbox, django_capture_on_commit_callbacks
):
    briefing = BriefingFactory(convening=convening)
    url = reverse("briefings:staff-convening-packs", args=[convening.pk])
    data = {"briefings": [briefing.pk], "send_key": str(uuid.uuid4()), "confirm": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, data)
    pack = BriefingPack.objects.get()
    _invite(convening, language="ms", name="Nurul New")
    send = reverse("briefings:staff-pack-send", args=[pack.pk])
    preview = staff_client.get(send)
    assert "This goes to 1 person" in preview.text
    assert "Nurul New" in preview.text
    assert len(mailoutbox) == 4
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(send, {"confirm": "1"})
    assert len(mailoutbox) == 5


@pytest.mark.parametrize("role", ["anonymous", "participant"])
def test_nobody_but_staff_reaches_the_confirmation_step(
    client, participant_client, convening, people, fast_pdf, role
):
    briefing = BriefingFactory(convening=convening)
    pack = BriefingPack.objects.create(convening=convening)
    who = client if role == "anonymous" else participant_client
    url = reverse("briefings:staff-convening-packs", args=[convening.pk])
    first = who.post(url, {"briefings": [briefing.pk], "send_key": str(uuid.uuid4())})
    second = who.get(reverse("briefings:staff-pack-send", args=[pack.pk]))
    for response in (first, second):
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert "Check the pack" not in response.content.decode()
