"""The audit log viewer: admins only, filters, pages, a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("accounts:audit-log")


def _entries(n, *, actor, obj=None):
    obj = obj or factories.ParticipantFactory(full_name="Audited Person")
    return [
        audit.record(
            actor=actor,
            action="participant.updated",
            obj=obj,
            changes={"position": [f"Old {i}", f"New {i}"]},
        )
        for i in range(n)
    ]


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["participant_client", "staff_client"])
def test_participants_and_staff_who_are_not_admins_get_403(request, who, admin_user):
    _entries(1, actor=admin_user)
    client = request.getfixturevalue(who)
    response = client.get(URL)
    assert response.status_code == 403
    assert b"Audited Person" not in response.content


def test_admin_sees_who_changed_what(admin_client_, staff_user):
    _entries(1, actor=staff_user)
    response = admin_client_.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "staff@example.org" in page
    assert "participant.updated" in page
    assert "Audited Person" in page
    assert "Old 0 → New 0" in page


@pytest.mark.parametrize("count", [1, 3])
def test_audit_log_query_count_is_the_same_for_1_and_3_entries(
    admin_client_, staff_user, django_assert_num_queries, count
):
    _entries(count, actor=staff_user)
    admin_client_.get(URL)  # the first request stamps the idle-timeout clock in the session
    # user, their participant record (session: cache), the admin's groups (role
    # check), distinct object types for the filter, count for the paginator, one page of
    # entries joined with their actors.
    with django_assert_num_queries(6):
        response = admin_client_.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count("participant.updated") == count


def test_filter_by_object_type_actor_and_date(admin_client_, staff_user, admin_user):
    convening = factories.ConveningFactory(title="Filtered Convening")
    person = factories.ParticipantFactory(full_name="Filtered Person")
    audit.record(actor=staff_user, action="convening.updated", obj=convening)
    audit.record(actor=admin_user, action="participant.updated", obj=person)
    old = audit.record(actor=admin_user, action="participant.created", obj=person)
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=40))

    page = admin_client_.get(URL, {"object_type": "convenings.convening"}).content.decode()
    assert "Filtered Convening" in page
    assert "Filtered Person" not in page

    page = admin_client_.get(URL, {"actor": "admin@example"}).content.decode()
    assert "Filtered Person" in page
    assert "Filtered Convening" not in page

    since = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    page = admin_client_.get(URL, {"date_from": since}).content.decode()
    assert "participant.updated" in page
    assert "participant.created" not in page
    until = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    page = admin_client_.get(URL, {"date_to": until}).content.decode()
    assert "participant.created" in page
    assert "participant.updated" not in page


def test_dates_in_the_wrong_order_show_an_error_next_to_the_field(admin_client_):
    response = admin_client_.get(URL, {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    page = response.content.decode()
    assert 'id="id_date_to_error"' in page
    assert 'aria-describedby="id_date_to_error"' in page


def test_entries_are_paginated(admin_client_, staff_user):
    _entries(55, actor=staff_user)
    first = admin_client_.get(URL).content.decode()
    assert first.count("participant.updated") == 50
    second = admin_client_.get(URL, {"page": 2}).content.decode()
    assert second.count("participant.updated") == 5


def test_an_entry_naming_a_reverse_relation_does_not_break_the_page(admin_client_, staff_user):
    # "message.sent" records {"deliveries": [0, n]}; a Message's `deliveries` is the reverse
    # side of MessageDelivery.message, a relation without a verbose_name.
    convening = factories.ConveningFactory()
    audit.record(
        actor=staff_user,
        action="convening.updated",
        obj=convening,
        changes={"invitations": [0, 12]},
    )
    response = admin_client_.get(URL)
    assert response.status_code == 200
    assert "0 → 12" in response.content.decode()
