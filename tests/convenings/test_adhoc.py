"""Ad-hoc messages (convenings/adhoc.py): staff write to chosen invitees of a convening in
one or more languages, check it on the confirmation step, and send it once; each person
gets their language or the English text with a note; staff see each delivery's state."""

from __future__ import annotations

import re
import smtplib
import uuid

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEntry
from convenings import adhoc
from convenings.adhoc_selectors import invitee_countries, message_recipients
from convenings.models import Message, MessageDelivery, MessageDeliveryStatus
from convenings.withdrawal import withdraw_invitation
from tests import factories
from tests.convenings.factories import open_convening

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    convening = open_convening(title_en="Regional convening", title_th="การประชุมระดับภูมิภาค")
    thailand = factories.CountryFactory(code="TH", name="Thailand")
    malaysia = factories.CountryFactory(code="MY", name="Malaysia")

    def invite(name, language, country, status):
        person = factories.ParticipantFactory(
            full_name=name, preferred_language=language, country=country
        )
        return factories.InvitationFactory(convening=convening, participant=person, status=status)

    return {
        "convening": convening,
        "thailand": thailand,
        "malaysia": malaysia,
        "th_accepted": invite("Somchai Accepted", "th", thailand, "accepted"),
        "th_waiting": invite("Malee Waiting", "th", thailand, "invited"),
        "ms_accepted": invite("Aminah Accepted", "ms", malaysia, "accepted"),
        "ms_declined": invite("Nurul Declined", "ms", malaysia, "declined"),
        "en_attended": invite("Emma Attended", "en", thailand, "attended"),
    }


def _names(invitations) -> set[str]:
    return {i.participant.full_name for i in invitations}


def _send(convening, *, by, audience="all", countries=(), texts=None):
    """A message sent now, with a fresh send key (English subject and text unless said)."""
    return adhoc.send_message(
        convening=convening,
        audience=audience,
        countries=list(countries),
        texts=texts or {"en": ("Subject", "Text")},
        by=by,
        send_key=uuid.uuid4(),
    )


def test_recipients_all_not_replied_accepted_and_by_country(world):
    convening = world["convening"]
    everyone = message_recipients(convening=convening, audience="all")
    assert len(everyone) == 5
    assert _names(message_recipients(convening=convening, audience="not_replied")) == {
        "Malee Waiting"
    }
    assert _names(message_recipients(convening=convening, audience="accepted")) == {
        "Somchai Accepted",
        "Aminah Accepted",
        "Emma Attended",
    }
    assert _names(
        message_recipients(convening=convening, audience="all", countries=[world["malaysia"]])
    ) == {"Aminah Accepted", "Nurul Declined"}
    # Someone whose record is deactivated gets nothing; another convening's invitees neither.
    world["ms_declined"].participant.is_active = False
    world["ms_declined"].participant.save()
    factories.InvitationFactory(convening=open_convening())
    assert len(message_recipients(convening=convening, audience="all")) == 4


def test_a_withdrawn_invitation_gets_no_message_and_its_country_is_not_offered(world, staff_user):
    convening = world["convening"]
    for key in ("ms_accepted", "ms_declined"):
        withdraw_invitation(invitation=world[key], notify=False, by=staff_user)
    for audience in ("all", "accepted", "not_replied"):
        assert not {"Aminah Accepted", "Nurul Declined"} & _names(
            message_recipients(convening=convening, audience=audience)
        )
    assert list(invitee_countries(convening=convening)) == [world["thailand"]]


def _form(world, **extra):
    url = reverse("convenings:staff-message-new", args=[world["convening"].pk])
    data = {
        "audience": "all",
        "send_key": str(uuid.uuid4()),
        "subject_en": "Visa letters",
        "body_en": "Your visa letter is attached to your page.",
        "subject_th": "จดหมายวีซ่า",
        "body_th": "จดหมายวีซ่าของท่านอยู่ในหน้าของท่านแล้ว",
        **extra,
    }
    return url, data


def test_the_confirmation_shows_each_language_and_english_with_the_note_where_none(
    staff_client, world, mailoutbox
):
    url, data = _form(world)
    response = staff_client.post(url, data)
    assert response.status_code == 200
    html = response.text
    assert not Message.objects.exists()
    assert mailoutbox == []
    assert "This goes to 5 people" in html
    assert dict(re.findall(r'data-language="(\w+)">(\d+)<', html)) == {
        "en": "1",
        "ms": "2",
        "th": "2",
    }
    # Thai: the Thai text, greeted in Thai.
    assert "จดหมายวีซ่าของท่านอยู่ในหน้าของท่านแล้ว" in html
    assert "เรียน คุณ Somchai Accepted" in html
    # Malay: no Malay text, so English with the note in Malay.
    assert "(belum tersedia dalam bahasa anda; dalam bahasa Inggeris)" in html
    assert "Salam hormat, sekretariat" in html
    for key in ("th_accepted", "ms_accepted", "en_attended"):
        assert world[key].participant.email not in html
    assert f'name="send_key" value="{data["send_key"]}"' in html


def test_sending_delivers_each_person_their_language_once_and_a_second_post_answers_the_first(
    staff_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    url, data = _form(world, audience="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        first = staff_client.post(url, {**data, "confirm": "1"})
    message = Message.objects.get()
    page = reverse("convenings:staff-message", args=[world["convening"].pk, message.pk])
    assert first["Location"] == page
    with django_capture_on_commit_callbacks(execute=True):
        second = staff_client.post(url, {**data, "confirm": "1"}, follow=True)
    # The first POST's page again, said to be a repeat; nothing more went out.
    assert second.redirect_chain == [(page, 302)]
    assert "This message was already sent; nothing was sent again." in second.text
    # Even the first form's POST (before the confirmation) with a used key.
    with django_capture_on_commit_callbacks(execute=True):
        third = staff_client.post(url, data)
    assert third["Location"] == page
    assert Message.objects.count() == 1

    by_address = {m.to[0]: m for m in mailoutbox}
    assert len(mailoutbox) == 3
    thai = by_address[world["th_accepted"].participant.email]
    assert thai.subject == "จดหมายวีซ่า"
    assert thai.extra_headers["Content-Language"] == "th"
    malay = by_address[world["ms_accepted"].participant.email]
    assert malay.subject == "Visa letters"
    assert "belum tersedia dalam bahasa anda" in malay.body
    assert "Your visa letter is attached to your page." in malay.body
    assert set(MessageDelivery.objects.values_list("status", flat=True)) == {"sent"}
    assert AuditEntry.objects.filter(action="message.sent").count() == 1

    detail = staff_client.get(page).text
    for key in ("th_accepted", "ms_accepted", "en_attended"):
        assert world[key].participant.full_name in detail
    assert "Malee Waiting" not in detail


def test_english_is_required_and_a_language_is_written_in_full(staff_client, world):
    url, data = _form(world, subject_en="", subject_ms="Surat visa")
    response = staff_client.post(url, data)
    assert response.status_code == 400
    assert response.text.count('class="errorlist"') == 2
    assert not Message.objects.exists()


def test_a_refused_address_fails_alone_and_a_dropped_line_is_retried(
    world, staff_user, monkeypatch
):
    sent = _send(world["convening"], by=staff_user, audience="accepted")
    ids = list(sent.message.deliveries.order_by("pk").values_list("pk", flat=True))
    refused = world["th_accepted"].participant.email
    original = mail.EmailMessage.send

    def send(self, fail_silently=False):
        if self.to == [refused]:
            raise smtplib.SMTPRecipientsRefused({refused: (550, b"no such user")})
        return original(self, fail_silently=fail_silently)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    outcome = adhoc.deliver_message_batch(delivery_ids=ids, final=True)
    assert outcome.sent == 2
    states = dict(MessageDelivery.objects.values_list("participant__email", "status"))
    assert states[refused] == MessageDeliveryStatus.FAILED
    assert "SMTPRecipientsRefused" in MessageDelivery.objects.get(status="failed").last_error
    # Run again (a duplicate task): nothing is sent twice.
    assert adhoc.deliver_message_batch(delivery_ids=ids, final=True).sent == 0
    assert len(mail.outbox) == 2

    def down(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("line dropped")

    MessageDelivery.objects.filter(pk__in=ids).update(status="queued")
    monkeypatch.setattr(mail.EmailMessage, "send", down)
    outcome = adhoc.deliver_message_batch(delivery_ids=ids, final=False)
    assert outcome.retry == ids
    assert set(MessageDelivery.objects.values_list("status", flat=True)) == {"queued"}


@pytest.mark.parametrize("role", ["anonymous", "participant"])
def test_nobody_but_staff_reaches_messages(world, staff_user, client, participant_client, role):
    convening = world["convening"]
    message = _send(convening, by=staff_user, texts={"en": ("Private subject", "Text")}).message
    who = client if role == "anonymous" else participant_client
    url, data = _form(world)
    for response in (
        who.get(reverse("convenings:staff-messages", args=[convening.pk])),
        who.get(url),
        who.post(url, {**data, "confirm": "1"}),
        who.get(reverse("convenings:staff-message", args=[convening.pk, message.pk])),
    ):
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert "Private subject" not in response.content.decode()
    assert Message.objects.count() == 1


def test_a_message_answers_404_under_another_convening(world, staff_client, staff_user):
    message = _send(world["convening"], by=staff_user).message
    other = open_convening()
    url = reverse("convenings:staff-message", args=[other.pk, message.pk])
    assert staff_client.get(url).status_code == 404
    # Its key posted to another convening's form does not show or send it there.
    url, data = _form(world)
    data["send_key"] = str(message.send_key)
    other_url = reverse("convenings:staff-message-new", args=[other.pk])
    assert staff_client.post(other_url, {**data, "confirm": "1"}).status_code == 404


def _messages(world, staff_user, n: int) -> Message:
    for i in range(n):
        message = _send(
            world["convening"],
            by=staff_user,
            audience="all" if i % 2 == 0 else "accepted",
            countries=[world["thailand"]] if i else [],
            texts={"en": (f"Subject {i}", "Text"), "th": ("หัวเรื่อง", "ข้อความ")},
        ).message
    return message


@pytest.mark.parametrize("n", [1, 3])
def test_message_list_queries(n, world, staff_user, staff_client, django_assert_num_queries):
    _messages(world, staff_user, n)
    url = reverse("convenings:staff-messages", args=[world["convening"].pk])
    staff_client.get(url)
    # user, their participant record, groups (role), the convening with its counts, the
    # messages with their delivery counts and senders
    with django_assert_num_queries(5):
        response = staff_client.get(url)
    assert response.text.count("<tr>") == n + 1


@pytest.mark.parametrize("n", [1, 3])
def test_message_page_queries(n, world, staff_user, staff_client, django_assert_num_queries):
    message = _send(
        world["convening"],
        by=staff_user,
        audience="all" if n == 3 else "accepted",
        countries=[world["thailand"]] if n == 3 else [world["malaysia"]],
    ).message
    assert message.deliveries.count() == n
    url = reverse("convenings:staff-message", args=[world["convening"].pk, message.pk])
    staff_client.get(url)
    # user, participant record, groups, the convening with its counts, the message with its
    # counts, its countries, the deliveries with each person and country
    with django_assert_num_queries(7):
        response = staff_client.get(url)
    assert response.status_code == 200


def test_the_messages_tab_is_on_every_convening_page(staff_client, world):
    page = staff_client.get(reverse("convenings:staff-detail", args=[world["convening"].pk]))
    assert reverse("convenings:staff-messages", args=[world["convening"].pk]) in page.text


def test_other_staff_can_read_the_same_message(world, staff_user):
    message = _messages(world, staff_user, 1)
    colleague = factories.UserFactory()
    from accounts import services as account_services

    account_services.set_role(user=colleague, role="staff")
    client = Client()
    client.force_login(colleague)
    url = reverse("convenings:staff-message", args=[world["convening"].pk, message.pk])
    assert client.get(url).status_code == 200


def test_the_confirmation_pages_form_sends_the_message_as_written(
    staff_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.convenings.test_confirm import _confirm_form

    url, data = _form(
        world,
        audience="not_replied",
        body_en="First line.\nSecond line & more.",
        countries=[world["thailand"].pk],
    )
    posted = _confirm_form(staff_client.post(url, data).text)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, posted)
    message = Message.objects.get()
    assert message.body_en == "First line.\nSecond line & more."
    assert message.subject_th == "จดหมายวีซ่า"
    assert list(message.countries.all()) == [world["thailand"]]
    assert [m.to for m in mailoutbox] == [[world["th_waiting"].participant.email]]


def test_failed_deliveries_are_retried_from_the_message_page_once(
    staff_client, world, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    message = _send(world["convening"], by=staff_user, audience="accepted").message
    message.deliveries.update(status=MessageDeliveryStatus.FAILED, last_error="SMTPError")
    page = reverse("convenings:staff-message", args=[world["convening"].pk, message.pk])
    retry = reverse("convenings:staff-message-retry", args=[world["convening"].pk, message.pk])
    assert f'action="{retry}"' in staff_client.get(page).text
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(retry, follow=True)
    assert "0 failed deliveries queued again." in response.text
    assert len(mailoutbox) == 3
    assert set(message.deliveries.values_list("status", flat=True)) == {"sent"}
    assert f'action="{retry}"' not in response.text


def test_two_tabs_of_the_same_message_send_it_once_unless_staff_say_again(
    staff_client, world, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    # Each tab drew its own send key; both confirm the same message to the same people.
    url, tab_a = _form(world, audience="accepted", countries=[world["thailand"].pk])
    tab_b = {**tab_a, "send_key": str(uuid.uuid4())}
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {**tab_a, "confirm": "1"})
    message = Message.objects.get()
    page = reverse("convenings:staff-message", args=[world["convening"].pk, message.pk])
    with django_capture_on_commit_callbacks(execute=True):
        second = staff_client.post(url, {**tab_b, "confirm": "1"}, follow=True)
    assert second.redirect_chain == [(page, 302)]
    assert "The same message already went out to these people" in second.text
    # The other tab's first POST (before its confirmation step) already says so.
    third = staff_client.post(url, {**tab_a, "send_key": str(uuid.uuid4())})
    assert third["Location"] == page
    assert Message.objects.count() == 1
    assert len(mailoutbox) == 2  # Somchai Accepted and Emma Attended, once each

    # Other people, or other words, are another message; "again" sends the same once more.
    for changed in ({"audience": "all"}, {"subject_en": "Visa letters (corrected)"}):
        with django_capture_on_commit_callbacks(execute=True):
            staff_client.post(
                url, {**tab_a, **changed, "send_key": str(uuid.uuid4()), "confirm": "1"}
            )
    assert Message.objects.count() == 3
    again = adhoc.send_message(
        convening=world["convening"],
        audience="accepted",
        countries=[world["thailand"]],
        texts={
            "en": (tab_a["subject_en"], tab_a["body_en"]),
            "th": (tab_a["subject_th"], tab_a["body_th"]),
        },
        by=staff_user,
        send_key=uuid.uuid4(),
        again=True,
    )
    assert (again.repeated, again.added) == (False, 2)
