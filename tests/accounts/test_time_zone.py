"""A staff member's own time zone (the digest's morning)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("accounts:staff-time-zone")


def test_staff_set_their_zone_and_unknown_names_are_refused(staff_client, staff_user):
    assert staff_client.post(URL, {"time_zone": "Australia/Melbourne"}).status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.time_zone == "Australia/Melbourne"
    page = staff_client.post(URL, {"time_zone": "Mars/Olympus_Mons"})
    assert page.status_code == 200
    assert "Unknown time zone “Mars/Olympus_Mons”" in page.text
    staff_user.refresh_from_db()
    assert staff_user.time_zone == "Australia/Melbourne"
