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
def test_convening_list_queries(n, staff_client, django_assert_num_queries):
    _convenings(n)
    staff_client.get(reverse("convenings:staff-list"))  # the session's first write is done
    # session, user with their participant record, groups (role), upcoming with counts,
    # past with counts
    with django_assert_num_queries(5):
        response = staff_client.get(reverse("convenings:staff-list"))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_dashboard_queries(n, staff_client, django_assert_num_queries):
    _convenings(n)
    staff_client.get(reverse("convenings:staff-dashboard"))
    # session, user with their participant record, groups, upcoming with counts, not replied yet,
    # quiet participants (one annotated query from the engagement panel), then the operations
    # warning: heartbeats, oldest waiting pack delivery, report, follow-up message
    with django_assert_num_queries(10):
        response = staff_client.get(reverse("convenings:staff-dashboard"))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_invitations_tab_queries(n, staff_client, django_assert_num_queries):
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
    # session, user with their participant record, groups, convening with counts, countries for the
    # filter, directory candidates (with country, organisation, already invited),
    # invitees (with participant, country, organisation), balance summary
    with django_assert_num_queries(8):
        response = staff_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('name="participants"') == n


@pytest.mark.parametrize("n", [1, 3])
def test_invitation_balance_queries(n, staff_client, django_assert_num_queries):
    convening = open_convening()
    people = [factories.InvitationFactory(convening=convening).participant for _ in range(n)]
    extra = [factories.ParticipantFactory().pk for _ in range(n)]
    url = reverse("convenings:staff-invitation-balance", args=[convening.pk])
    staff_client.get(url)
    # session, user with their participant record, groups, convening, balance summary
    with django_assert_num_queries(5):
        response = staff_client.get(url, {"participants": extra}, HTTP_HX_REQUEST="true")
    assert response.context["balance"]["total"] == len(people) + n


@pytest.mark.parametrize("n", [1, 3])
def test_portal_home_queries(n, participant, participant_client, django_assert_num_queries):
    for i in range(n):
        convening = (open_convening if i % 2 == 0 else past_convening)()
        factories.InvitationFactory(convening=convening, participant=participant)
    url = reverse("convenings:portal-home")
    participant_client.get(url)
    # session, user with their participant record, invitations with their
    # convenings and host countries, groups (navigation)
    with django_assert_num_queries(4):
        response = participant_client.get(url)
    assert response.status_code == 200
