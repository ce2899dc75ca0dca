"""Every accounts page x every role, in the style of pretix's permission matrix."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

# (url name, needs a participant id) -> expected status per role. 302 = sent to sign in.
MATRIX = {
    ("accounts:audit-log", False): {
        "anonymous": 302,
        "no-role": 403,
        "participant": 403,
        "staff": 403,
        "admin": 200,
    },
    ("accounts:erase-person", True): {
        "anonymous": 302,
        "no-role": 403,
        "participant": 403,
        "staff": 403,
        "admin": 200,
    },
    ("accounts:portal-my-data", False): {
        "anonymous": 302,
        "no-role": 403,
        "participant": 200,
        "staff": 403,
        "admin": 403,
    },
    ("accounts:portal-my-data-page", False): {
        "anonymous": 302,
        "no-role": 403,
        "participant": 200,
        "staff": 403,
        "admin": 403,
    },
}


@pytest.fixture
def clients(staff_user, admin_user, participant_user, other_user):
    result = {"anonymous": Client()}
    for role, user in {
        "no-role": other_user,
        "participant": participant_user,
        "staff": staff_user,
        "admin": admin_user,
    }.items():
        result[role] = Client()
        result[role].force_login(user)
    return result


@pytest.mark.parametrize(("key", "expected"), MATRIX.items(), ids=lambda v: str(v))
def test_access_matrix(clients, key, expected):
    name, needs_id = key
    person = factories.ParticipantFactory(full_name="Matrix Person")
    url = reverse(name, kwargs={"pk": person.pk} if needs_id else None)
    for role, status in expected.items():
        response = clients[role].get(url)
        assert response.status_code == status, (role, url)
        if status == 302:
            assert response["Location"].startswith(reverse("account_login"))
        if status == 403:
            assert b"Matrix Person" not in response.content


def test_audit_log_filters_by_one_object(admin_client_, staff_user):
    from accounts import audit

    first = factories.ParticipantFactory(full_name="First Object")
    second = factories.ParticipantFactory(full_name="Second Object")
    audit.record(actor=staff_user, action="participant.updated", obj=first)
    audit.record(actor=staff_user, action="participant.updated", obj=second)
    page = admin_client_.get(
        reverse("accounts:audit-log"),
        {"object_type": "participants.participant", "object_id": first.pk},
    ).content.decode()
    assert "First Object" in page
    assert "Second Object" not in page
    assert f'name="object_id" value="{first.pk}"' in page
