"""convenings.views.staff.invitees: inviting from the directory with a live balance, reminders,
attendance."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from convenings.models import Invitation
from participants.models import Sector, Visibility
from tests import factories

from .factories import open_convening, past_convening

pytestmark = pytest.mark.django_db


def test_invite_from_the_directory_with_filters(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    convening = open_convening()
    thai = factories.ParticipantFactory.create_batch(2, country=factories.CountryFactory(code="TH"))
    malaysian = factories.ParticipantFactory(country=factories.CountryFactory(code="MY"))
    url = reverse("convenings:staff-invitations", args=[convening.pk])
    page = staff_client.get(url, {"country": "TH"}).content.decode()
    assert thai[0].full_name in page
    assert malaysian.full_name not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"participants": [p.pk for p in thai]})
    assert response.status_code == 302
    assert Invitation.objects.filter(convening=convening).count() == 2
    assert len(mailoutbox) == 2
    # Inviting again adds nobody.
    staff_client.post(url, {"participants": [thai[0].pk, malaysian.pk]})
    assert Invitation.objects.filter(convening=convening).count() == 3


def test_balance_counts_the_ticked_people_with_the_invitees(staff_client):
    convening = open_convening()
    factories.InvitationFactory(
        convening=convening,
        participant=factories.ParticipantFactory(
            country=factories.CountryFactory(code="TH"), sector=Sector.GOVERNMENT
        ),
    )
    ticked = factories.ParticipantFactory(
        country=factories.CountryFactory(code="MY"),
        sector=Sector.LIVED_EXPERIENCE,
        lived_experience=True,
    )
    response = staff_client.get(
        reverse("convenings:staff-invitation-balance", args=[convening.pk]),
        {"participants": [ticked.pk]},
        HTTP_HX_REQUEST="true",
    )
    balance = response.context["balance"]
    assert balance.total == 2
    assert balance.selected == 1
    assert {r.label: (r.count, r.share) for r in balance.country} == {
        "Malaysia": (1, 50),
        "Thailand": (1, 50),
    }
    lived = {r.key: r.count for r in balance.lived}
    assert lived == {"yes": 1, "no": 1}
    assert response.content.decode().lstrip().startswith('<div id="balance"')


def test_staff_see_hidden_and_pseudonymous_people_with_a_badge(staff_client):
    convening = open_convening()
    factories.InvitationFactory(
        convening=convening,
        participant=factories.ParticipantFactory(
            full_name="Hidden Hana", visibility=Visibility.HIDDEN
        ),
    )
    factories.InvitationFactory(
        convening=convening,
        participant=factories.ParticipantFactory(
            full_name="Pseudo Putri", display_name="Kestrel", visibility=Visibility.PSEUDONYMOUS
        ),
    )
    body = staff_client.get(
        reverse("convenings:staff-invitations", args=[convening.pk])
    ).content.decode()
    assert "Hidden Hana" in body
    assert "Pseudo Putri" in body
    assert "Pseudonym: Kestrel" in body
    assert '<span class="badge badge-bad">Hidden</span>' in body


def test_remind_the_ticked_invitees(staff_client, mailoutbox, django_capture_on_commit_callbacks):
    convening = open_convening()
    waiting = factories.InvitationFactory(convening=convening)
    factories.InvitationFactory(convening=convening)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("convenings:staff-remind", args=[convening.pk]),
            {"invitations": [waiting.pk], "send_key": uuid.uuid4(), "confirm": "1"},
        )
    assert [m.to for m in mailoutbox] == [[waiting.participant.email]]


def test_reminders_cannot_pick_another_convenings_invitees(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    convening = open_convening()
    elsewhere = factories.InvitationFactory(convening=open_convening())
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("convenings:staff-remind", args=[convening.pk]),
            {"invitations": [elsewhere.pk], "send_key": uuid.uuid4(), "confirm": "1"},
        )
    assert mailoutbox == []


def test_mark_attended_after_the_event(staff_client):
    convening = past_convening()
    came = factories.InvitationFactory(convening=convening, status="accepted")
    staff_client.post(
        reverse("convenings:staff-attendance", args=[convening.pk]),
        {"invitations": [came.pk], "mark": "attended"},
    )
    came.refresh_from_db()
    assert came.status == "attended"


def test_balance_names_countries_in_the_active_language():
    from django.utils import translation

    from convenings import selectors

    convening = open_convening()
    thailand = factories.CountryFactory(code="TH")
    thailand.name_th = "ไทย"
    thailand.save()
    factories.InvitationFactory(convening=convening, participant__country=thailand)
    with translation.override("th"):
        balance = selectors.invitation_balance(convening=convening)
    assert [row.label for row in balance.country] == ["ไทย"]
    with translation.override("ms"):  # no Malay name stored: English
        balance = selectors.invitation_balance(convening=convening)
    assert [row.label for row in balance.country] == ["Thailand"]
