"""Staff pages doing their work: create, invite with a live balance, remind, agenda,
site visits, costs, attendance."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from convenings.models import AgendaSession, Convening, Invitation, SiteVisit
from participants.models import Sector, Visibility
from tests import factories

from .factories import open_convening, past_convening

pytestmark = pytest.mark.django_db


def test_create_convening_in_thailand(staff_client):
    thailand = factories.CountryFactory(code="TH")
    start = timezone.localdate() + dt.timedelta(days=60)
    response = staff_client.post(
        reverse("convenings:staff-create"),
        {
            "create_key": "8c5b2a52-3f0e-4a4e-9a57-0b9f3c1d2e00",  # the form's one-time key
            "title_en": "Bangkok peer exchange",
            "title_th": "การแลกเปลี่ยนที่กรุงเทพฯ",
            "host_country": thailand.pk,
            "city": "Bangkok",
            "start_date": start.isoformat(),
            "end_date": (start + dt.timedelta(days=1)).isoformat(),
            "format": "in_person",
            "chatham_house": "on",
            "status": "open",
            "interpretation_languages": ["th", "id"],
            "currency": "USD",
            "cost_travel": "0",
            "cost_venue": "0",
            "cost_interpretation": "0",
            "cost_other": "0",
        },
    )
    convening = Convening.objects.get()
    assert response.url == reverse("convenings:staff-detail", args=[convening.pk])
    assert convening.title_th == "การแลกเปลี่ยนที่กรุงเทพฯ"
    assert convening.interpretation_languages == ["th", "id"]


def test_create_form_shows_errors_next_to_fields(staff_client):
    response = staff_client.post(reverse("convenings:staff-create"), {"title_en": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_en_error"' in body
    assert 'aria-describedby="id_title_en_error"' in body


def test_invite_from_the_directory_with_filters(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    convening = open_convening()
    thai = factories.ParticipantFactory.create_batch(2, country=factories.CountryFactory(code="TH"))
    malaysian = factories.ParticipantFactory(country=factories.CountryFactory(code="MY"))
    url = reverse("convenings:staff-invitations", args=[convening.pk])
    page = staff_client.get(url, {"country": "TH"}).content.decode()
    assert thai[0].full_name in page
    assert malaysian.full_name not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"participants": [p.pk for p in thai]})
    assert response.status_code == 302
    assert Invitation.objects.filter(convening=convening).count() == 2
    assert len(mailoutbox) == 2
    # Inviting again adds nobody.
    staff_client.post(url, {"participants": [thai[0].pk, malaysian.pk]})
    assert Invitation.objects.filter(convening=convening).count() == 3


def test_balance_counts_the_ticked_people_with_the_invitees(staff_client):
    convening = open_convening()
    factories.InvitationFactory(
        convening=convening,
        participant=factories.ParticipantFactory(
            country=factories.CountryFactory(code="TH"), sector=Sector.GOVERNMENT
        ),
    )
    ticked = factories.ParticipantFactory(
        country=factories.CountryFactory(code="MY"),
        sector=Sector.LIVED_EXPERIENCE,
        lived_experience=True,
    )
    response = staff_client.get(
        reverse("convenings:staff-invitation-balance", args=[convening.pk]),
        {"participants": [ticked.pk]},
        HTTP_HX_REQUEST="true",
    )
    balance = response.context["balance"]
    assert balance.total == 2
    assert balance.selected == 1
    assert {r.label: (r.count, r.share) for r in balance.country} == {
        "Malaysia": (1, 50),
        "Thailand": (1, 50),
    }
    lived = {r.key: r.count for r in balance.lived}
    assert lived == {"yes": 1, "no": 1}
    assert response.content.decode().lstrip().startswith('<div id="balance"')


def test_staff_see_hidden_and_pseudonymous_people_with_a_badge(staff_client):
    convening = open_convening()
    factories.InvitationFactory(
        convening=convening,
        participant=factories.ParticipantFactory(
            full_name="Hidden Hana", visibility=Visibility.HIDDEN
        ),
    )
    factories.InvitationFactory(
        convening=convening,
        participant=factories.ParticipantFactory(
            full_name="Pseudo Putri", display_name="Kestrel", visibility=Visibility.PSEUDONYMOUS
        ),
    )
    body = staff_client.get(
        reverse("convenings:staff-invitations", args=[convening.pk])
    ).content.decode()
    assert "Hidden Hana" in body
    assert "Pseudo Putri" in body
    assert "Pseudonym: Kestrel" in body
    assert '<span class="badge badge-bad">Hidden</span>' in body


def test_remind_the_ticked_invitees(staff_client, mailoutbox, django_capture_on_commit_callbacks):
    convening = open_convening()
    waiting = factories.InvitationFactory(convening=convening)
    factories.InvitationFactory(convening=convening)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("convenings:staff-remind", args=[convening.pk]),
            {"invitations": [waiting.pk], "send_key": uuid.uuid4(), "confirm": "1"},
        )
    assert [m.to for m in mailoutbox] == [[waiting.participant.email]]


def test_reminders_cannot_pick_another_convenings_invitees(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    convening = open_convening()
    elsewhere = factories.InvitationFactory(convening=open_convening())
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("convenings:staff-remind", args=[convening.pk]),
            {"invitations": [elsewhere.pk], "send_key": uuid.uuid4(), "confirm": "1"},
        )
    assert mailoutbox == []


def test_agenda_builder_add_and_group_by_day(staff_client):
    convening = open_convening()
    day2 = convening.end_date
    url = reverse("convenings:staff-agenda", args=[convening.pk])
    for day, hour, kind, title in [
        (convening.start_date, 9, "presentation", "Opening"),
        (day2, 9, "site_visit", "Visit"),
        (convening.start_date, 11, "group_discussion", "Groups"),
    ]:
        response = staff_client.post(
            url,
            {
                "starts_at": f"{day.isoformat()}T{hour:02d}:00",
                "ends_at": f"{day.isoformat()}T{hour + 1:02d}:00",
                "kind": kind,
                "title_en": title,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    page = staff_client.get(url)
    days = page.context["days"]
    assert [[s.title for s in sessions] for _day, sessions in days] == [
        ["Opening", "Groups"],
        ["Visit"],
    ]
    body = page.content.decode()
    assert "kind-site_visit" in body
    assert "kind-group_discussion" in body


def test_moving_a_session_earlier(staff_client):
    convening = open_convening()
    first = factories.AgendaSessionFactory(convening=convening, title="First")
    second = factories.AgendaSessionFactory(
        convening=convening,
        title="Second",
        starts_at=first.ends_at,
        ends_at=first.ends_at + dt.timedelta(hours=1),
    )
    staff_client.post(
        reverse("convenings:staff-session-move", args=[convening.pk, second.pk]),
        {"direction": "up"},
    )
    titles = list(AgendaSession.objects.order_by("starts_at").values_list("title", flat=True))
    assert titles == ["Second", "First"]


def test_site_visit_with_its_own_session(staff_client):
    convening = open_convening()
    response = staff_client.post(
        reverse("convenings:staff-site-visits", args=[convening.pk]),
        {
            "programme_en": "Family-based care programme",
            "place": "Bangkok",
            "date": convening.start_date.isoformat(),
            "add_session": "on",
            "session_starts": "14:00",
            "session_ends": "17:00",
        },
    )
    assert response.status_code == 302
    visit = SiteVisit.objects.get()
    assert visit.session.kind == "site_visit"
    assert visit.session.title == "Family-based care programme"


def test_costs_and_cost_per_attendee(staff_client):
    convening = past_convening(cost_travel=Decimal("3000"), cost_venue=Decimal("1000"))
    factories.InvitationFactory.create_batch(4, convening=convening, status="attended")
    factories.InvitationFactory(convening=convening, status="no_show")
    url = reverse("convenings:staff-costs", args=[convening.pk])
    summary = staff_client.get(url).context["summary"]
    assert summary.total == Decimal("4000")
    assert summary.attendees == 4
    assert summary.per_attendee == Decimal("1000.00")
    staff_client.post(
        url,
        {
            "currency": "usd",
            "cost_travel": "3000",
            "cost_venue": "1000",
            "cost_interpretation": "1000",
            "cost_other": "0",
        },
    )
    convening.refresh_from_db()
    assert convening.cost_interpretation == Decimal("1000")
    assert staff_client.get(url).context["summary"].per_attendee == Decimal("1250.00")


def test_mark_attended_after_the_event(staff_client):
    convening = past_convening()
    came = factories.InvitationFactory(convening=convening, status="accepted")
    staff_client.post(
        reverse("convenings:staff-attendance", args=[convening.pk]),
        {"invitations": [came.pk], "mark": "attended"},
    )
    came.refresh_from_db()
    assert came.status == "attended"


def test_balance_names_countries_in_the_active_language():
    from django.utils import translation

    from convenings import selectors

    convening = open_convening()
    thailand = factories.CountryFactory(code="TH")
    thailand.name_th = "ไทย"
    thailand.save()
    factories.InvitationFactory(convening=convening, participant__country=thailand)
    with translation.override("th"):
        balance = selectors.invitation_balance(convening=convening)
    assert [row.label for row in balance.country] == ["ไทย"]
    with translation.override("ms"):  # no Malay name stored: English
        balance = selectors.invitation_balance(convening=convening)
    assert [row.label for row in balance.country] == ["Thailand"]


def test_edit_a_session_keeps_its_local_times(staff_client):
    convening = open_convening()
    session = factories.AgendaSessionFactory(convening=convening, title="Opening")
    url = reverse("convenings:staff-session-edit", args=[convening.pk, session.pk])
    page = staff_client.get(url).content.decode()
    day = convening.start_date.isoformat()
    assert f'value="{day}T09:00"' in page
    response = staff_client.post(
        url,
        {
            "starts_at": f"{day}T09:30",
            "ends_at": f"{day}T10:30",
            "kind": "lived_experience",
            "title_en": "Opening voices",
            "title_th": "เสียงเปิดงาน",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.kind == "lived_experience"
    assert session.title_th == "เสียงเปิดงาน"
    assert timezone.localtime(session.starts_at).time() == dt.time(9, 30)


def test_edit_a_site_visit_and_link_a_session(staff_client):
    convening = open_convening()
    visit = factories.SiteVisitFactory(convening=convening)
    session = factories.AgendaSessionFactory(convening=convening, kind="site_visit")
    response = staff_client.post(
        reverse("convenings:staff-site-visit-edit", args=[convening.pk, visit.pk]),
        {
            "programme_en": "Case management pilot",
            "place": "Chiang Mai",
            "date": convening.start_date.isoformat(),
            "session": session.pk,
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.programme, visit.place, visit.session) == (
        "Case management pilot",
        "Chiang Mai",
        session,
    )


def test_a_site_visit_cannot_link_another_convenings_session(staff_client):
    convening = open_convening()
    elsewhere = factories.AgendaSessionFactory(convening=open_convening())
    response = staff_client.post(
        reverse("convenings:staff-site-visits", args=[convening.pk]),
        {
            "programme_en": "Visit",
            "place": "Bangkok",
            "date": convening.start_date.isoformat(),
            "session": elsewhere.pk,
        },
    )
    assert response.status_code == 200
    assert not SiteVisit.objects.exists()


def test_edit_convening_details(staff_client):
    convening = open_convening(city="Bangkok")
    url = reverse("convenings:staff-edit", args=[convening.pk])
    form = staff_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {
            "city": "Chiang Mai",
            "host_country": convening.host_country_id,
            "start_date": convening.start_date.isoformat(),
            "end_date": convening.end_date.isoformat(),
            "interpretation_languages": ["th"],
            "chatham_house": "on",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302
    convening.refresh_from_db()
    assert convening.city == "Chiang Mai"
    assert convening.interpretation_languages == ["th"]
    assert convening.chatham_house is True
