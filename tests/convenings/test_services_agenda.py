"""convenings.services.agenda: sessions added, edited, moved and deleted; dates and protected
names checked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from convenings import services
from convenings.models import AgendaSession, SessionKind

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def test_agenda_sessions_add_edit_move_and_delete(staff_user, convening):
    day = convening.start_date
    first = services.add_agenda_session(
        convening=convening,
        fields={
            "starts_at": _at(day, 9),
            "ends_at": _at(day, 10),
            "kind": SessionKind.PRESENTATION,
            "title_en": "Opening",
            "title_th": "พิธีเปิด",
        },
        by=staff_user,
    )
    second = services.add_agenda_session(
        convening=convening,
        fields={
            "starts_at": _at(day, 10, 30),
            "ends_at": _at(day, 12),
            "kind": SessionKind.GROUP_DISCUSSION,
            "title_en": "Groups",
        },
        by=staff_user,
    )
    services.update_agenda_session(
        session=first, fields={"facilitators": "Secretariat"}, by=staff_user
    )
    services.move_agenda_session(session=second, direction="up", by=staff_user)
    first.refresh_from_db()
    second.refresh_from_db()
    # The 90-minute session now opens the day; the 60-minute one follows after the same gap.
    assert (second.starts_at, second.ends_at) == (_at(day, 9), _at(day, 10, 30))
    assert (first.starts_at, first.ends_at) == (_at(day, 11), _at(day, 12))
    assert first.facilitators == "Secretariat"
    services.delete_agenda_session(session=first, by=staff_user)
    assert list(AgendaSession.objects.filter(convening=convening)) == [second]
    assert AuditEntry.objects.filter(action__startswith="agenda_session.").count() == 5


def test_a_session_outside_the_convening_dates_is_refused(staff_user, convening):
    later = convening.end_date + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        services.add_agenda_session(
            convening=convening,
            fields={
                "starts_at": _at(later, 9),
                "ends_at": _at(later, 10),
                "kind": SessionKind.BRIEFING,
                "title_en": "Too late",
            },
            by=staff_user,
        )
    assert "starts_at" in exc.value.message_dict


def test_the_agenda_may_not_name_people_who_chose_not_to_be_named(
    staff_user, convening, shy_invitees
):
    day = convening.start_date
    fields = {
        "starts_at": _at(day, 9),
        "ends_at": _at(day, 10),
        "kind": SessionKind.PRESENTATION,
        "title_en": "Lived experience panel",
        "description_th": "ผู้ร่วมเสวนา: Siti Rahmawati",
        "facilitators": "Nadia Named and Harun Hidayat",
    }
    with pytest.raises(ValidationError) as exc:
        services.add_agenda_session(convening=convening, fields=fields, by=staff_user)
    errors = exc.value.message_dict
    assert set(errors) == {"facilitators", "description_th"}
    assert "Harun Hidayat" in errors["facilitators"][0]
    assert "Nadia" not in errors["facilitators"][0]
    assert "Siti Rahmawati" in errors["description_th"][0]
    assert not AgendaSession.objects.filter(convening=convening).exists()

    # The named person by name and the pseudonymous one by their pseudonym are fine.
    fields.update(facilitators="Nadia Named and River", description_th="ผู้ร่วมเสวนา: River")
    services.add_agenda_session(convening=convening, fields=fields, by=staff_user)
    assert AgendaSession.objects.filter(convening=convening).count() == 1


def test_the_agenda_form_shows_the_problem_next_to_the_field(staff_client, convening, shy_invitees):
    response = staff_client.post(
        reverse("convenings:staff-agenda", args=[convening.pk]),
        {
            "starts_at": f"{convening.start_date}T09:00",
            "ends_at": f"{convening.start_date}T10:00",
            "kind": SessionKind.PRESENTATION,
            "title_en": "Panel",
            "facilitators": "Harun Hidayat",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Harun Hidayat" in form.errors["facilitators"][0]
