"""convenings.services.planning: creating and editing a convening, audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import AuditEntry
from convenings import services
from convenings.models import Convening
from tests import factories

pytestmark = pytest.mark.django_db


def test_create_convening_defaults_to_the_chatham_house_rule_and_is_audited(staff_user):
    country = factories.CountryFactory(code="TH")
    start = timezone.localdate() + dt.timedelta(days=10)
    convening = services.create_convening(
        fields={
            "title_en": "Regional convening",
            "title_th": "การประชุมระดับภูมิภาค",
            "host_country": country,
            "city": "Bangkok",
            "start_date": start,
            "end_date": start + dt.timedelta(days=1),
            "interpretation_languages": ["th"],
            "currency": "usd",
            "cost_travel": Decimal("1000"),
        },
        by=staff_user,
    )
    convening.refresh_from_db()
    assert convening.chatham_house is True
    assert convening.currency == "USD"
    assert convening.title_th == "การประชุมระดับภูมิภาค"
    entry = AuditEntry.objects.get(action="convening.created")
    assert entry.actor == staff_user
    assert entry.object_id == str(convening.pk)


def test_create_convening_refuses_an_end_before_the_start(staff_user):
    start = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.create_convening(
            fields={
                "title_en": "Backwards",
                "host_country": factories.CountryFactory(code="MY"),
                "start_date": start,
                "end_date": start - dt.timedelta(days=1),
            },
            by=staff_user,
        )
    assert "end_date" in exc.value.message_dict
    assert not Convening.objects.exists()


def test_update_convening_records_the_changed_fields(staff_user, convening):
    services.update_convening(convening=convening, fields={"city": "Chiang Mai"}, by=staff_user)
    entry = AuditEntry.objects.get(action="convening.updated")
    assert entry.changes == {"city": ["Bangkok", "Chiang Mai"]}
