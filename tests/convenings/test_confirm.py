"""The confirmation step before reminders and notices of change go out (sends/confirm.html).

Each shows the people per language and the e-mail one person of each language gets, built
by the code that sends it, before anything is saved or sent.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.urls import reverse

from convenings.models import ConveningNotice, ReminderBatch
from tests import factories
from tests.convenings.factories import open_convening

pytestmark = pytest.mark.django_db


def _invite(convening, *, language, name, status="invited"):
    person = factories.ParticipantFactory(preferred_language=language, full_name=name)
    return factories.InvitationFactory(convening=convening, participant=person, status=status)


def test_reminders_are_previewed_in_each_language_before_they_go_out(staff_client, mailoutbox):
    convening = open_convening(title_en="Regional convening", title_th="การประชุมระดับภูมิภาค")
    picked = [
        _invite(convening, language="th", name="Somchai Thai"),
        _invite(convening, language="ms", name="Aminah Malay"),
        _invite(convening, language="ms", name="Nurul Malay"),
    ]
    url = reverse("convenings:staff-remind", args=[convening.pk])
    data = {"invitations": [i.pk for i in picked], "send_key": str(uuid.uuid4())}
    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert mailoutbox == []
    assert not ReminderBatch.objects.exists()
    html = response.text
    assert "This goes to 3 people" in html
    assert dict(re.findall(r'data-language="(\w+)">(\d+)<', html)) == {"ms": "2", "th": "1"}
    assert "ข้อความเตือน: โปรดตอบคำเชิญเข้าร่วม การประชุมระดับภูมิภาค" in html
    assert "เรายังไม่ได้รับคำตอบของท่านสำหรับคำเชิญเข้าร่วม" in html
    assert "Peringatan: sila jawab jemputan ke Regional convening" in html
    assert "Kami belum menerima jawapan anda bagi jemputan ke" in html
    for invitation in picked:
        assert invitation.participant.email not in html
    assert 'name="confirm" value="1"' in html


def test_the_reminder_preview_says_who_is_skipped_as_reminded_recently(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    convening = open_convening()
    picked = [_invite(convening, language="en", name=f"Person {n}") for n in range(2)]
    url = reverse("convenings:staff-remind", args=[convening.pk])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            url, {"invitations": [picked[0].pk], "send_key": str(uuid.uuid4()), "confirm": "1"}
        )
    assert len(mailoutbox) == 1
    data = {"invitations": [i.pk for i in picked], "send_key": str(uuid.uuid4())}
    html = staff_client.post(url, data).text
    assert "This goes to 1 person" in html
    assert "1 person ticked was reminded recently and will not be reminded again" in html


def test_three_presses_of_the_confirmed_reminder_send_one(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    convening = open_convening()
    invitation = _invite(convening, language="th", name="Somchai Thai")
    url = reverse("convenings:staff-remind", args=[convening.pk])
    data = {"invitations": [invitation.pk], "send_key": str(uuid.uuid4())}
    assert staff_client.post(url, data).status_code == 200  # the confirmation step
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(url, {**data, "confirm": "1"})
        assert response["Location"] == reverse("convenings:staff-invitations", args=[convening.pk])
    # A repeat of the first form (not the confirm) after the send: its result, no preview.
    assert staff_client.post(url, data).status_code == 302
    assert [m.to for m in mailoutbox] == [[invitation.participant.email]]
    assert ReminderBatch.objects.count() == 1


def test_a_cancellation_notice_is_previewed_in_thai_before_anything_is_saved(
    staff_client, mailoutbox
):
    convening = open_convening(title_en="Regional convening", title_th="การประชุมระดับภูมิภาค")
    _invite(convening, language="th", name="Somchai Thai", status="accepted")
    _invite(convening, language="en", name="Declined Person", status="declined")
    url = reverse("convenings:staff-edit", args=[convening.pk])
    form = staff_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {
            "status": "cancelled",
            "host_country": convening.host_country_id,
            "start_date": convening.start_date.isoformat(),
            "end_date": convening.end_date.isoformat(),
            "chatham_house": "on",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    html = response.text
    assert "This goes to 1 person" in html
    assert dict(re.findall(r'data-language="(\w+)">(\d+)<', html)) == {"th": "1"}
    assert "การประชุมระดับภูมิภาค" in html
    assert "convening.ics" in html
    convening.refresh_from_db()
    assert convening.status == "open"
    assert not ConveningNotice.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("role", ["anonymous", "participant"])
def test_nobody_but_staff_reaches_the_reminder_confirmation(client, participant_client, role):
    convening = open_convening()
    invitation = _invite(convening, language="en", name="Someone")
    who = client if role == "anonymous" else participant_client
    response = who.post(
        reverse("convenings:staff-remind", args=[convening.pk]),
        {"invitations": [invitation.pk], "send_key": str(uuid.uuid4())},
    )
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert "Someone" not in response.content.decode()


def _confirm_form(html: str) -> dict[str, list[str]]:
    """What the confirmation page's form posts: its hidden fields, as a browser sends them."""
    import html as html_lib

    form = html[html.rindex("<form", 0, html.index('name="confirm"')) :]
    data: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form):
        if name != "csrfmiddlewaretoken":
            data.setdefault(name, []).append(html_lib.unescape(value))
    return data


def test_the_confirmation_pages_form_carries_the_whole_change_and_saves_it(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    convening = open_convening(title_en="Regional convening", city="Bangkok")
    _invite(convening, language="ms", name="Aminah Malay", status="accepted")
    url = reverse("convenings:staff-edit", args=[convening.pk])
    form = staff_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    new_start = convening.start_date + dt.timedelta(days=7)
    data.update(
        {
            "city": "Chiang Mai",
            "host_country": convening.host_country_id,
            "start_date": new_start.isoformat(),
            "end_date": (convening.end_date + dt.timedelta(days=7)).isoformat(),
            "interpretation_languages": ["th", "ms"],
            "chatham_house": "on",
        }
    )
    page = staff_client.post(url, data).text
    assert "Check the notice of new dates before it goes out" in page
    posted = _confirm_form(page)
    assert posted["confirm"] == ["1"]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, posted)
    assert response.status_code == 302
    convening.refresh_from_db()
    assert (convening.city, convening.start_date) == ("Chiang Mai", new_start)
    assert sorted(convening.interpretation_languages) == ["ms", "th"]
    assert convening.chatham_house is True
    (notice,) = mailoutbox
    assert notice.to == [convening.invitations.get().participant.email]


def test_the_new_dates_notice_preview_shows_the_agenda_where_the_save_moves_it(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import translation
    from django.utils.formats import date_format

    convening = open_convening(title_en="Regional convening", city="Bangkok")
    factories.AgendaSessionFactory(convening=convening, title="Opening")
    _invite(convening, language="en", name="Emma English", status="accepted")
    url = reverse("convenings:staff-edit", args=[convening.pk])
    form = staff_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    old_start, new_start = convening.start_date, convening.start_date + dt.timedelta(days=7)
    data.update(
        {
            "host_country": convening.host_country_id,
            "start_date": new_start.isoformat(),
            "end_date": (convening.end_date + dt.timedelta(days=7)).isoformat(),
            "interpretation_languages": ["th"],
            "confirm_dates": "1",  # the agenda preview was seen; move the agenda with it
            "move_agenda": "on",
        }
    )
    page = staff_client.post(url, data).text
    assert "Check the notice of new dates before it goes out" in page
    with translation.override("en"):
        new_day, old_day = date_format(new_start), date_format(old_start)
    opening = re.search(r"The first session starts on ([^<]*?) at", page).group(1)
    assert opening == new_day != old_day
    # What goes out says the same.
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, _confirm_form(page))
    (notice,) = mailoutbox
    assert f"The first session starts on {new_day} at" in notice.body
