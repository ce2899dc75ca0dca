"""A briefing naming a protected person is not published, and is withheld when it comes to
name one later.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from participants import services as participant_services
from participants.models import Visibility
from tests.security.identity.people import signed_in

pytestmark = pytest.mark.django_db


def test_a_briefing_naming_a_protected_person_is_not_published_and_is_withheld_later(w):
    from briefings import services as briefing_services
    from briefings.models import BriefingStatus
    from tests.briefings.factories import BriefingFactory

    refused = BriefingFactory(
        convening=w["convening"], body_th="ขอบคุณเฮมิที่มาร่วม", status=BriefingStatus.DRAFT
    )
    with pytest.raises(ValidationError):
        briefing_services.publish_briefing(briefing=refused, by=w["staff"])
    assert refused.__class__.objects.get(pk=refused.pk).status == BriefingStatus.DRAFT

    shown = BriefingFactory(
        convening=w["convening"], summary_en="With thanks to Budi Santoso.", status="draft"
    )
    briefing_services.publish_briefing(briefing=shown, by=w["staff"])
    client = signed_in(w["somchai"].user)
    url = reverse("briefings:portal-detail", args=[shown.pk])
    assert client.get(url).status_code == 200
    participant_services.update_participant(
        participant=w["budi"], by=w["staff"], visibility=Visibility.HIDDEN
    )
    assert client.get(url).status_code == 404
    assert "Budi" not in client.get(reverse("briefings:portal-list")).content.decode()
