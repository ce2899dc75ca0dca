"""The participant portal: attendee visibility, the reply form, calendar files."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from convenings import selectors
from participants.models import Participant, Visibility
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(convening, invitation):
    """Accepted invitees of each visibility, with organisations and countries that must
    not leak for the hidden and pseudonymous ones."""
    malaysia = factories.CountryFactory(code="MY")
    named = factories.ParticipantFactory(
        full_name="Named Nadia", position="Deputy Director", country=malaysia
    )
    pseudo = factories.ParticipantFactory(
        full_name="Real Name Pseudo",
        display_name="River",
        visibility=Visibility.PSEUDONYMOUS,
        position="Peer advocate",
        organisation=factories.OrganisationFactory(name="Pseudo Org", country=malaysia),
        country=malaysia,
        lived_experience=True,
    )
    hidden = factories.ParticipantFactory(
        full_name="Hidden Harun",
        display_name="Harun H.",
        visibility=Visibility.HIDDEN,
        organisation=factories.OrganisationFactory(name="Hidden Org"),
    )
    for person in (named, pseudo, hidden):
        factories.InvitationFactory(convening=convening, participant=person, status="accepted")
    factories.AgendaSessionFactory(convening=convening, title="Opening", facilitators="Secretariat")
    return {"named": named, "pseudo": pseudo, "hidden": hidden}


def test_attendee_page_honours_visibility(crowd, convening, participant_client):
    # The data that must not leak exists.
    pseudo = Participant.objects.select_related("organisation", "country").get(
        pk=crowd["pseudo"].pk
    )
    assert pseudo.organisation.name == "Pseudo Org"
    assert pseudo.country.name == "Malaysia"
    assert Participant.objects.filter(full_name="Hidden Harun").exists()

    body = participant_client.get(
        reverse("convenings:portal-attendees", args=[convening.pk])
    ).content.decode()
    assert "Named Nadia" in body
    assert "Deputy Director" in body
    assert "River" in body
    for leak in (
        "Real Name Pseudo",
        "Pseudo Org",
        "Peer advocate",
        "Hidden Harun",
        "Harun H.",
        "Hidden Org",
    ):
        assert leak not in body, leak
    # Malaysia may appear for the named person only: one mention.
    assert body.count("Malaysia") == 1


@pytest.mark.parametrize("per", ["", "session"])
def test_calendar_never_lists_attendees(crowd, convening, participant_client, per):
    response = participant_client.get(
        reverse("convenings:portal-calendar", args=[convening.pk]) + (f"?per={per}" if per else "")
    )
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    for name in (
        "Named Nadia",
        "River",
        "Real Name Pseudo",
        "Hidden Harun",
        "Harun H.",
        "Siriporn",
    ):
        assert name not in body
    assert "ATTENDEE" not in body
    assert "ORGANIZER" not in body
    events = Calendar.from_ical(response.content).walk("VEVENT")
    if per:
        assert [str(e["summary"]) for e in events] == ["Opening · Bangkok convening"]
    else:
        assert [str(e["summary"]) for e in events] == ["Bangkok convening"]
        # With an agenda, the whole convening runs from its first session to its last.
        first = convening.sessions.order_by("starts_at").first()
        assert events[0].decoded("dtstart") == first.starts_at
        assert events[0].decoded("dtend") == first.ends_at


def test_calendar_without_agenda_is_all_day(convening, invitation, participant_client):
    convening.sessions.all().delete()
    response = participant_client.get(reverse("convenings:portal-calendar", args=[convening.pk]))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert events[0].decoded("dtstart") == convening.start_date
    assert events[0].decoded("dtend") == convening.end_date + dt.timedelta(days=1)


def test_calendar_titles_in_the_participants_language(convening, invitation, participant_client):
    convening.title_th = "การประชุมกรุงเทพฯ"
    convening.save()
    Participant.objects.filter(pk=invitation.participant_id).update(preferred_language="th")
    response = participant_client.get(reverse("convenings:portal-calendar", args=[convening.pk]))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(events[0]["summary"]) == "การประชุมกรุงเทพฯ"


def test_reply_form_states_the_rule_and_requires_accepting_it(
    convening, invitation, participant_client
):
    url = reverse("convenings:portal-reply", args=[convening.pk])
    page = participant_client.get(url).content.decode()
    assert "Chatham House Rule" in page
    assert 'name="accepted_chatham_house"' in page
    response = participant_client.post(url, {"accept": "yes", "interpretation_language": "th"})
    assert response.status_code == 200
    assert "To take part you need to accept the Chatham House Rule." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "invited"


def test_a_thai_acceptance_adds_one_thai_interpretation_seat(
    convening, invitation, participant_client, staff_client
):
    factories.InvitationFactory(
        convening=convening, status="accepted", interpretation_language="th"
    )
    factories.InvitationFactory(convening=convening, status="declined", interpretation_language="")
    assert selectors.interpretation_headcount(convening=convening) == {"id": 0, "th": 1}
    response = participant_client.post(
        reverse("convenings:portal-reply", args=[convening.pk]),
        {
            "accept": "yes",
            "interpretation_language": "th",
            "access_needs": "Wheelchair access",
            "dietary_needs": "Halal",
            "travel_support": "on",
            "priorities": "Community placement",
            "accepted_chatham_house": "on",
        },
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert invitation.chatham_house_accepted_at is not None
    assert invitation.dietary_needs == "Halal"
    assert selectors.interpretation_headcount(convening=convening) == {"id": 0, "th": 2}
    page = staff_client.get(
        reverse("convenings:staff-replies", args=[convening.pk])
    ).content.decode()
    assert 'data-language="th">2<' in page
    assert "Wheelchair access" in page


def test_interpretation_choices_are_the_convenings_languages(
    convening, invitation, participant_client
):
    page = participant_client.get(
        reverse("convenings:portal-reply", args=[convening.pk])
    ).content.decode()
    field = page[page.index('name="interpretation_language"') :]
    field = field[: field.index("</select>")]
    assert 'value="th"' in field
    assert 'value="id"' in field
    assert 'value="ms"' not in field


def test_no_reply_form_without_the_rule_when_it_does_not_apply(participant, participant_client):
    relaxed = factories.InvitationFactory(
        participant=participant,
        convening=factories.ConveningFactory(chatham_house=False, interpretation_languages=[]),
    )
    url = reverse("convenings:portal-reply", args=[relaxed.convening_id])
    assert "accepted_chatham_house" not in participant_client.get(url).content.decode()
    assert participant_client.post(url, {"accept": "yes"}).status_code == 302
    relaxed.refresh_from_db()
    assert relaxed.status == "accepted"
    assert relaxed.chatham_house_accepted_at is None


def test_home_lists_upcoming_and_past_with_my_reply(participant, participant_client):
    upcoming = factories.InvitationFactory(participant=participant, convening__title="Soon")
    past = factories.InvitationFactory(
        participant=participant,
        status="attended",
        convening__title="Long ago",
        convening__start_date=timezone.localdate() - dt.timedelta(days=400),
        convening__end_date=timezone.localdate() - dt.timedelta(days=399),
    )
    body = participant_client.get(reverse("convenings:portal-home")).content.decode()
    assert body.index("Soon") < body.index("Long ago")
    assert "Attended" in body
    assert reverse("convenings:portal-reply", args=[upcoming.convening_id]) in body
    assert reverse("convenings:portal-reply", args=[past.convening_id]) not in body


def test_portal_agenda_is_in_my_language(convening, invitation, participant_client):
    factories.AgendaSessionFactory(convening=convening, title_en="Opening", title_th="พิธีเปิด")
    Participant.objects.filter(pk=invitation.participant_id).update(preferred_language="th")
    body = participant_client.get(
        reverse("convenings:portal-detail", args=[convening.pk])
    ).content.decode()
    assert "พิธีเปิด" in body


@pytest.mark.parametrize(
    ("days_ago", "status", "offered"),
    [
        # Still open but its last day has passed at the venue: the reply page refuses.
        (3, "open", False),
        (3, "planned", False),
        # Upcoming but held or cancelled: no replies either.
        (-10, "held", False),
        (-10, "cancelled", False),
        # The one case the reply page accepts.
        (-10, "open", True),
    ],
)
def test_home_offers_reply_only_where_the_reply_page_accepts_it(
    participant, participant_client, days_ago, status, offered
):
    today = timezone.localdate()
    invitation = factories.InvitationFactory(
        participant=participant,
        status="invited",
        convening__status=status,
        convening__start_date=today - dt.timedelta(days=days_ago + 1),
        convening__end_date=today - dt.timedelta(days=days_ago),
    )
    url = reverse("convenings:portal-reply", args=[invitation.convening_id])
    body = participant_client.get(reverse("convenings:portal-home")).content.decode()
    assert (url in body) is offered
    assert ("Reply now" in body) is offered
    # The link, where shown, leads to the form; where not, the reply page refuses.
    assert (participant_client.get(url).status_code == 200) is offered


@pytest.mark.parametrize(
    ("status", "given", "offered"),
    [
        ("attended", False, True),
        # Attendance not recorded yet: who accepted may give feedback (engagement's rule).
        ("accepted", False, True),
        # Already given: the form would only say thank you.
        ("attended", True, False),
        ("declined", False, False),
    ],
)
def test_convening_page_offers_feedback_only_where_the_feedback_form_takes_it(
    participant, participant_client, status, given, offered
):
    from engagement.models import FeedbackReceipt
    from tests.engagement.factories import past_convening

    convening = past_convening(status="held")
    factories.InvitationFactory(convening=convening, participant=participant, status=status)
    if given:
        FeedbackReceipt.objects.create(convening=convening, participant=participant)
    feedback = reverse("engagement:portal-feedback", args=[convening.pk])
    body = participant_client.get(
        reverse("convenings:portal-detail", args=[convening.pk])
    ).content.decode()
    assert (feedback in body) is offered
    form = participant_client.get(feedback)
    assert (form.status_code == 200 and b'name="what_to_change"' in form.content) is offered


def test_dates_and_place_are_drawn_the_same_way_everywhere(participant, participant_client):
    online = factories.InvitationFactory(
        participant=participant,
        convening__format="online",
        convening__city="Bangkok",
        convening__start_date=dt.date(2031, 3, 4),
        convening__end_date=dt.date(2031, 3, 6),
    ).convening
    one_day = factories.InvitationFactory(
        participant=participant,
        convening__format="in_person",
        convening__city="",
        convening__start_date=dt.date(2031, 5, 7),
        convening__end_date=dt.date(2031, 5, 7),
    ).convening
    home = participant_client.get(reverse("convenings:portal-home")).content.decode()
    assert "4 Mar 2031 \u2013 6 Mar 2031 · Online" in home
    assert f"7 May 2031 · {one_day.host_country.name}<" in home
    reply = participant_client.get(reverse("convenings:portal-reply", args=[online.pk]))
    assert "4 Mar 2031 \u2013 6 Mar 2031 · Online" in reply.content.decode()


@pytest.mark.parametrize("status", ["invited", "accepted", "declined", "attended", "waitlisted"])
@pytest.mark.parametrize("convening_status", ["open", "cancelled"])
def test_the_convening_page_links_the_check_in_code_and_visa_pages_by_their_own_rules(
    participant, participant_client, status, convening_status
):
    from convenings.permissions import has_checkin_code
    from convenings.visa_permissions import is_coming

    invitation = factories.InvitationFactory(
        participant=participant, status=status, convening__status=convening_status
    )
    pk = invitation.convening_id
    body = participant_client.get(reverse("convenings:portal-detail", args=[pk])).content.decode()
    code_page = participant_client.get(reverse("convenings:portal-checkin-code", args=[pk]))
    has_code = has_checkin_code(invitation=invitation)
    assert has_code is (status in ("accepted", "attended") and convening_status == "open")
    # The link where the code page shows a code, and only there.
    assert (reverse("convenings:portal-checkin-code", args=[pk]) in body) is has_code
    assert ("<svg" in code_page.content.decode()) is has_code
    assert (reverse("convenings:portal-visa", args=[pk]) in body) is is_coming(invitation)
