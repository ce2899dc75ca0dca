"""Query counts of the list pages are pinned, and the same for one item and for three."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories

from .factories import open_convening, past_convening

pytestmark = pytest.mark.django_db


def _convenings(n: int) -> None:
    for i in range(n):
        convening = (open_convening if i % 2 == 0 else past_convening)()
        factories.InvitationFactory(convening=convening, status="accepted")
        factories.InvitationFactory(convening=convening)


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("params", [{}, {"q": "REGIONAL bangkok", "sort": "-accepted"}])
def test_convening_list_queries(n, params, staff_client, django_assert_num_queries):
    for _ in range(n):  # n upcoming and n past
        for make in (open_convening, past_convening):
            convening = make()
            factories.InvitationFactory(convening=convening, status="accepted")
            factories.InvitationFactory(convening=convening)
    staff_client.get(reverse("convenings:staff-list"))  # the session's first write is done
    # user, their participant record (session: cache), groups (role), upcoming with counts,
    # the number of past ones (pages), the page of past ones with counts
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("convenings:staff-list"), params)
    assert response.status_code == 200
    assert len(response.context["upcoming"]) == len(response.context["past"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_dashboard_queries(n, staff_client, django_assert_num_queries):
    _convenings(n)
    staff_client.get(reverse("convenings:staff-dashboard"))
    # user, their participant record (session: cache), groups, upcoming with counts, not replied yet,
    # quiet participants (one annotated query from the engagement panel), then the operations
    # warning: heartbeats, oldest waiting pack delivery, report, follow-up message; the
    # outcomes participants submitted that wait for review (outcomes.templatetags.harvest)
    with django_assert_num_queries(11):
        response = staff_client.get(reverse("convenings:staff-dashboard"))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("params", [{}, {"q": "participant person", "sector": "civil_society"}])
def test_invitations_tab_queries(n, params, staff_client, django_assert_num_queries):
    convening = open_convening()
    for i in range(n):
        factories.InvitationFactory(
            convening=convening,
            participant__lived_experience=bool(i % 2),
            participant__visibility=["named", "pseudonymous", "hidden"][i],
        )
        factories.ParticipantFactory()  # someone not yet invited
    url = reverse("convenings:staff-invitations", args=[convening.pk])
    staff_client.get(url)
    # user, their participant record (session: cache), groups, convening with counts, countries for the
    # filter, directory candidates (with country, organisation, already invited),
    # invitees (with participant, country, organisation), withdrawn invitations (with
    # participant and who withdrew them), balance summary
    with django_assert_num_queries(9):
        response = staff_client.get(url, params)
    assert response.status_code == 200
    assert response.content.decode().count('name="participants"') == n


@pytest.mark.parametrize("n", [1, 3])
def test_invitation_balance_queries(n, staff_client, django_assert_num_queries):
    convening = open_convening()
    people = [factories.InvitationFactory(convening=convening).participant for _ in range(n)]
    extra = [factories.ParticipantFactory().pk for _ in range(n)]
    url = reverse("convenings:staff-invitation-balance", args=[convening.pk])
    staff_client.get(url)
    # user, their participant record (session: cache), groups, convening, balance summary
    with django_assert_num_queries(5):
        response = staff_client.get(url, {"participants": extra}, HTTP_HX_REQUEST="true")
    assert response.context["balance"].total == len(people) + n


@pytest.mark.parametrize("n", [1, 3])
def test_portal_home_queries(n, participant, participant_client, django_assert_num_queries):
    for i in range(n):
        convening = (open_convening if i % 2 == 0 else past_convening)()
        factories.InvitationFactory(convening=convening, participant=participant)
    url = reverse("convenings:portal-home")
    participant_client.get(url)
    # user, their participant record (session: cache), invitations with their
    # convenings and host countries, groups (navigation)
    with django_assert_num_queries(4):
        response = participant_client.get(url)
    assert response.status_code == 200


def _replies_with_needs(convening, n: int) -> list:
    people = []
    for i in range(n):
        invitation = factories.InvitationFactory(
            convening=convening,
            status="accepted",
            interpretation_language=["th", "id"][i % 2],
            access_needs="Step-free access" if i % 2 == 0 else "",
            dietary_needs="Vegetarian",
            travel_support=bool(i % 2),
        )
        people.append(invitation.participant.full_name)
        factories.InvitationFactory(convening=convening, status="declined")
    return people


@pytest.mark.parametrize("n", [1, 3])
def test_convening_staff_page_queries(n, staff_client, django_assert_num_queries):
    convening = open_convening()
    _replies_with_needs(convening, n)
    url = reverse("convenings:staff-detail", args=[convening.pk])
    staff_client.get(url)
    # user, their participant record (session: cache), groups, convening with reply
    # counts (also the cost summary's attendees), agenda sessions with site visits, site
    # visits, the yes-sayers who need anything (seats, needs and travel support from it),
    # then the venue-time checks: sessions and site visits outside the dates (2) and the
    # notices of change sent (1), and the reply dates of the charts (1)
    with django_assert_num_queries(11):
        response = staff_client.get(url)
    assert response.context["needs"].seats_total == n
    assert response.context["costs"].attendees == n


@pytest.mark.parametrize("n", [1, 3])
def test_replies_list_queries(n, staff_client, django_assert_num_queries):
    convening = open_convening()
    people = _replies_with_needs(convening, n)
    url = reverse("convenings:staff-replies", args=[convening.pk])
    staff_client.get(url)
    # user, their participant record (session: cache), groups, convening with reply
    # counts, every invitation with participant, country and organisation (the needs are
    # counted from those)
    with django_assert_num_queries(5):
        response = staff_client.get(url)
    needs = response.context["needs"]
    assert [i.participant.full_name for i in needs.needs] == sorted(people, key=str.casefold)
    assert needs.travel_support == n // 2
    assert {row.code: row.seats for row in needs.interpretation} == {
        "th": (n + 1) // 2,
        "id": n // 2,
    }


@pytest.mark.parametrize("n", [1, 3])
def test_reply_page_and_portal_convening_page_queries(
    n, participant, participant_client, django_assert_num_queries
):
    convening = open_convening()
    factories.InvitationFactory(convening=convening, participant=participant)
    for _ in range(n):
        factories.AgendaSessionFactory(convening=convening)
        factories.InvitationFactory(convening=convening)
    reply = reverse("convenings:portal-reply", args=[convening.pk])
    detail = reverse("convenings:portal-detail", args=[convening.pk])
    participant_client.get(reply)
    # user, their participant record (session: cache), the invitation with its
    # convening, groups (navigation)
    with django_assert_num_queries(4):
        assert participant_client.get(reply).status_code == 200
    # user, participant record, the invitation with its convening, agenda sessions with
    # site visits, site visits, whether feedback is due, groups (navigation)
    with django_assert_num_queries(7):
        assert participant_client.get(detail).status_code == 200
