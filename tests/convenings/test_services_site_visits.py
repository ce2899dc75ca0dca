"""convenings.services.site_visits: a site visit with its own agenda session; protected names."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from convenings import services
from convenings.models import AgendaSession, SessionKind

pytestmark = pytest.mark.django_db


def test_a_site_visit_can_create_its_agenda_session(staff_user, convening):
    visit = services.create_site_visit(
        convening=convening,
        fields={
            "programme_en": "Community placement programme",
            "programme_th": "โครงการจัดหาที่พักในชุมชน",
            "place": "Bangkok",
            "date": convening.start_date,
        },
        session_times=(dt.time(14, 0), dt.time(17, 0)),
        by=staff_user,
    )
    session = visit.session
    assert session.kind == SessionKind.SITE_VISIT
    assert session.title_en == "Community placement programme"
    assert session.title_th == "โครงการจัดหาที่พักในชุมชน"
    assert timezone.localtime(session.starts_at).time() == dt.time(14, 0)
    services.delete_site_visit(visit=visit, by=staff_user)
    assert AgendaSession.objects.filter(pk=session.pk).exists()


def test_a_site_visit_may_not_name_a_hidden_invitee(staff_user, convening, shy_invitees):
    with pytest.raises(ValidationError) as exc:
        services.create_site_visit(
            convening=convening,
            fields={
                "programme_en": "Community placement programme",
                "learning_en": "Harun Hidayat described his own case.",
                "place": "Bangkok",
                "date": convening.start_date,
            },
            session_times=None,
            by=staff_user,
        )
    assert list(exc.value.message_dict) == ["learning_en"]
