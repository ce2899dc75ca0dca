"""The audit log's filter by one object (who may see the page: tests/security/url_matrix/)."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


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
