"""A revoked right ends at once: uninvited, deactivated and demoted people lose their pages on
the next request.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import services as account_services

pytestmark = pytest.mark.django_db


def test_a_participant_uninvited_loses_the_convening_on_the_next_request(world):
    client = world.client("invited")
    urls = [
        reverse("convenings:portal-detail", args=[world.conv_a.pk]),
        reverse("convenings:portal-attendees", args=[world.conv_a.pk]),
        reverse("engagement:portal-notes", args=[world.conv_a.pk]),
        reverse("briefings:portal-detail", args=[world.briefing_a.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [200] * 4
    world.conv_a.invitations.filter(participant=world.invited_participant).delete()
    assert [client.get(url).status_code for url in urls] == [404] * 4


def test_a_deactivated_participant_loses_the_portal_on_the_next_request(world):
    client = world.client("invited")
    assert client.get(reverse("convenings:portal-home")).status_code == 200
    world.invited_participant.is_active = False
    world.invited_participant.save(update_fields=["is_active"])
    assert client.get(reverse("convenings:portal-home")).status_code == 403
    assert (
        client.get(reverse("briefings:portal-detail", args=[world.briefing_a.pk])).status_code
        == 403
    )


def test_staff_demoted_lose_every_staff_page_at_once(world):
    client = world.client("staff")
    urls = [
        reverse("participants:staff-directory"),
        reverse("convenings:staff-detail", args=[world.conv_b.pk]),
        reverse("briefings:staff-file", args=[world.briefing_b.pk, "en"]),
        reverse("outcomes:evidence-download", args=[world.evidence.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [200] * 4
    account_services.set_role(user=world.users["staff"], role=None)
    assert [client.get(url).status_code for url in urls] == [403] * 4


def test_an_admin_demoted_to_staff_loses_reports_at_once(world):
    client = world.client("admin")
    url = reverse("outcomes:report-download", args=[world.report.pk])
    assert client.get(url).status_code == 200
    account_services.set_role(user=world.users["admin"], role="staff")
    assert client.get(url).status_code == 403
