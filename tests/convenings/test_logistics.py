"""Travel and stay, reply deadline, capacity and the waiting list (branch logistics)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from convenings import services
from convenings.forms import ReplyForm
from convenings.models import Invitation, InvitationStatus
from convenings.services.logistics import promote_from_waiting_list
from convenings.tasks import send_promotion
from tests import factories

from .factories import open_convening

pytestmark = pytest.mark.django_db


def _reply(invitation, **travel):
    return services.reply_to_invitation(
        invitation=invitation, accept=True, accepted_chatham_house=True, travel=travel or None
    )


def _venue(convening, day, hour):
    return dt.datetime.combine(day, dt.time(hour)).replace(tzinfo=convening.zone)


# --- Bad input: a translated message next to the field, on both forms -----------------------


def test_reply_form_refuses_departure_before_arrival_and_nights_outside(
    participant_client, invitation
):
    convening = invitation.convening
    outside = (convening.end_date + dt.timedelta(days=3)).isoformat()
    response = participant_client.post(
        reverse("convenings:portal-reply", args=[convening.pk]),
        {
            "accept": "yes",
            "accepted_chatham_house": "on",
            "arrival_at": f"{convening.start_date}T18:00",
            "departure_at": f"{convening.start_date}T09:00",
            "nights": [outside],
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "departure_at" in form.errors
    assert "nights" in form.errors
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.INVITED


@pytest.mark.parametrize("language", ["id", "ms", "th"])
def test_reply_form_errors_are_translated(invitation, language):
    convening = invitation.convening
    with translation.override(language):
        form = ReplyForm(
            {
                "accept": "yes",
                "accepted_chatham_house": "on",
                "arrival_at": f"{convening.start_date}T18:00",
                "departure_at": f"{convening.start_date}T09:00",
            },
            convening=convening,
        )
        assert not form.is_valid()
        assert list(form.errors["departure_at"]) != ["The departure must come after the arrival."]


def test_reply_keeps_travel_in_the_venue_zone(participant_client, invitation):
    convening = invitation.convening
    convening.time_zone = "Asia/Jakarta"
    convening.save()
    night = convening.start_date.isoformat()
    response = participant_client.post(
        reverse("convenings:portal-reply", args=[convening.pk]),
        {
            "accept": "yes",
            "accepted_chatham_house": "on",
            "arrival_at": f"{convening.start_date}T08:30",
            "departure_at": f"{convening.end_date}T20:00",
            "travel_mode": "flight",
            "travel_details": "GA 404",
            "nights": [night],
        },
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.arrival_at == _venue(convening, convening.start_date, 8).replace(minute=30)
    assert invitation.arrival_at.astimezone(dt.UTC).hour == 1  # Jakarta is UTC+7
    assert invitation.nights == [night]
    assert invitation.travel_details == "GA 404"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("support_amount", "-5", "An amount cannot be negative."),
        ("accommodation_amount", "lots", "Enter an amount as a number, e.g. 1250.50."),
        ("cost_currency", "Ringgit", "“Ringgit” is not a currency code"),
    ],
)
def test_staff_form_refuses_bad_amounts_and_currency(
    staff_client, invitation, field, value, message
):
    invitation.status = InvitationStatus.ACCEPTED
    invitation.save()
    data = {"support_granted": "on", "support_amount": "100", "cost_currency": "MYR", field: value}
    response = staff_client.post(
        reverse("convenings:staff-logistics-edit", args=[invitation.convening_id, invitation.pk]),
        data,
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    invitation.refresh_from_db()
    assert invitation.support_amount is None
    assert invitation.cost_currency == ""


def test_ringgit_is_never_cut_to_rin_on_the_costs_form(staff_client, convening):
    response = staff_client.post(
        reverse("convenings:staff-costs", args=[convening.pk]),
        {
            "currency": "Ringgit",
            "cost_travel": "1",
            "cost_venue": "0",
            "cost_interpretation": "0",
            "cost_other": "0",
        },
    )
    assert response.status_code == 200
    assert "currency" in response.context["form"].errors
    convening.refresh_from_db()
    assert convening.currency != "RIN"


def test_staff_saves_amounts_and_a_lower_case_code(staff_client, invitation):
    invitation.status = InvitationStatus.ACCEPTED
    invitation.save()
    response = staff_client.post(
        reverse("convenings:staff-logistics-edit", args=[invitation.convening_id, invitation.pk]),
        {
            "support_granted": "on",
            "support_amount": "250.50",
            "accommodation_amount": "90",
            "cost_currency": "myr",
        },
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.support_amount == Decimal("250.50")
    assert invitation.cost_currency == "MYR"


def test_the_service_refuses_what_a_form_would(invitation, staff_user):
    convening = invitation.convening
    with pytest.raises(ValidationError) as caught:
        services.update_logistics(
            invitation=invitation,
            by=staff_user,
            arrival_at=_venue(convening, convening.end_date, 10),
            departure_at=_venue(convening, convening.start_date, 10),
            nights=[convening.end_date + dt.timedelta(days=5)],
            support_amount=Decimal("-1"),
            cost_currency="RIN",
        )
    assert {"departure_at", "nights", "support_amount", "cost_currency"} <= set(
        caught.value.message_dict
    )


# --- Reply deadline -------------------------------------------------------------------------


def test_replies_close_after_the_deadline(participant_client, invitation):
    convening = invitation.convening
    convening.reply_deadline = timezone.localdate(timezone=convening.zone) - dt.timedelta(days=1)
    convening.save()
    response = participant_client.get(reverse("convenings:portal-reply", args=[convening.pk]))
    assert response.status_code == 302
    with pytest.raises(ValidationError):
        _reply(invitation)
    page = participant_client.get(reverse("convenings:portal-detail", args=[convening.pk]))
    assert "Replies closed on" in page.content.decode()


def test_deadline_shown_to_the_participant(participant_client, invitation):
    convening = invitation.convening
    convening.reply_deadline = convening.start_date - dt.timedelta(days=10)
    convening.save()
    response = participant_client.get(reverse("convenings:portal-detail", args=[convening.pk]))
    assert "Please reply by" in response.content.decode()
    reply = participant_client.get(reverse("convenings:portal-reply", args=[convening.pk]))
    assert "Please reply by" in reply.content.decode()


def test_staff_read_the_deadline_in_the_one_date_style(staff_client, invitation):
    convening = invitation.convening
    convening.reply_deadline = dt.date(2027, 2, 2)
    convening.save()
    page = staff_client.get(reverse("convenings:staff-logistics", args=[convening.pk]))
    assert "2 Feb 2027" in page.content.decode()  # as every other date, not "02/02/2027"


# --- Capacity and the waiting list ------------------------------------------------------------


def test_beyond_capacity_a_yes_goes_to_the_waiting_list_in_order():
    convening = open_convening(capacity=1)
    first, second, third = (factories.InvitationFactory(convening=convening) for _ in range(3))
    _reply(first)
    _reply(second)
    _reply(third)
    statuses = [Invitation.objects.get(pk=i.pk).status for i in (first, second, third)]
    assert statuses == ["accepted", "waitlisted", "waitlisted"]
    waiting = services.waiting_list(convening=convening)
    assert [i.pk for i in waiting] == [second.pk, third.pk]


def test_a_decline_frees_a_place_but_nobody_moves_up_alone(
    staff_user, django_capture_on_commit_callbacks
):
    convening = open_convening(capacity=1)
    first, second, third = (factories.InvitationFactory(convening=convening) for _ in range(3))
    for invitation in (first, second, third):
        _reply(invitation)
    services.reply_to_invitation(invitation=first, accept=False)
    assert Invitation.objects.get(pk=second.pk).status == "waitlisted"
    # Out of order: refused.
    with pytest.raises(ValidationError):
        promote_from_waiting_list(convening=convening, invitation_id=third.pk, by=staff_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert promote_from_waiting_list(
            convening=convening, invitation_id=second.pk, by=staff_user
        )
    with django_capture_on_commit_callbacks(execute=True):
        # The same press again: nothing more.
        assert not promote_from_waiting_list(
            convening=convening, invitation_id=second.pk, by=staff_user
        )
    assert Invitation.objects.get(pk=second.pk).status == "accepted"
    assert Invitation.objects.get(pk=third.pk).status == "waitlisted"
    assert len(mail.outbox) == 1
    # The task delivered twice sends once.
    send_promotion.apply(kwargs={"invitation_id": second.pk})
    assert len(mail.outbox) == 1
    # Full again: the next person waits until staff raise the capacity.
    with pytest.raises(ValidationError):
        promote_from_waiting_list(convening=convening, invitation_id=third.pk, by=staff_user)


def test_promotion_email_is_in_the_persons_language(staff_user, django_capture_on_commit_callbacks):
    convening = open_convening(capacity=0)
    person = factories.ParticipantFactory(preferred_language="id")
    invitation = factories.InvitationFactory(convening=convening, participant=person)
    _reply(invitation)
    convening.capacity = 1
    convening.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promote_from_waiting_list(convening=convening, invitation_id=invitation.pk, by=staff_user)
    assert len(mail.outbox) == 1
    assert "A place is free for you" not in mail.outbox[0].subject


def test_promote_page_asks_first_then_a_double_post_promotes_once(staff_client):
    convening = open_convening(capacity=1)
    first, second = (factories.InvitationFactory(convening=convening) for _ in range(2))
    _reply(first)
    _reply(second)
    services.reply_to_invitation(invitation=first, accept=False)
    url = reverse("convenings:staff-logistics-promote", args=[convening.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert Invitation.objects.get(pk=second.pk).status == "waitlisted"
    staff_client.post(url, {"invitation": second.pk})
    staff_client.post(url, {"invitation": second.pk})
    assert Invitation.objects.get(pk=second.pk).status == "accepted"
    assert Invitation.objects.filter(convening=convening, status="accepted").count() == 1


def test_waiting_place_shown_to_the_participant(participant_client, participant):
    convening = open_convening(capacity=0)
    invitation = factories.InvitationFactory(convening=convening, participant=participant)
    _reply(invitation)
    page = participant_client.get(reverse("convenings:portal-detail", args=[convening.pk]))
    assert "You are number 1 on the waiting list" in page.content.decode()


def test_logistics_pages_are_staff_only(participant_client, client, invitation):
    convening = invitation.convening
    for name, args in (
        ("convenings:staff-logistics", [convening.pk]),
        ("convenings:staff-logistics-edit", [convening.pk, invitation.pk]),
        ("convenings:staff-logistics-promote", [convening.pk]),
        ("convenings:staff-logistics-export", [convening.pk, "caterer", "csv"]),
    ):
        assert participant_client.get(reverse(name, args=args)).status_code == 403
        assert client.get(reverse(name, args=args)).status_code == 302


def test_an_invitation_of_another_convening_answers_404(staff_client, invitation):
    other = open_convening()
    url = reverse("convenings:staff-logistics-edit", args=[other.pk, invitation.pk])
    assert staff_client.get(url).status_code == 404
    bad = reverse("convenings:staff-logistics-export", args=[other.pk, "nobody", "csv"])
    assert staff_client.get(bad).status_code == 404


def test_convening_form_refuses_a_deadline_after_the_end_and_a_currency_name(convening):
    from convenings.forms import ConveningForm

    form = ConveningForm(
        {
            "title_en": "A convening",
            "host_country": convening.host_country_id,
            "time_zone": "Asia/Bangkok",
            "start_date": "2030-03-01",
            "end_date": "2030-03-02",
            "reply_deadline": "2030-03-05",
            "capacity": "-3",
            "format": "in_person",
            "status": "open",
            "currency": "Ringgit",
            "cost_travel": "0",
            "cost_venue": "0",
            "cost_interpretation": "0",
            "cost_other": "0",
        },
        instance=convening,
    )
    assert not form.is_valid()
    assert {"reply_deadline", "capacity", "currency"} <= set(form.errors)


def test_a_second_promotion_of_the_same_person_is_told_again(
    staff_user, django_capture_on_commit_callbacks
):
    # Promoted, then a no, then a yes while full again: the next promotion is news too.
    convening = open_convening(capacity=1)
    holder, person = (factories.InvitationFactory(convening=convening) for _ in range(2))
    _reply(holder)
    _reply(person)
    services.reply_to_invitation(invitation=holder, accept=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert promote_from_waiting_list(
            convening=convening, invitation_id=person.pk, by=staff_user
        )
    assert len(mail.outbox) == 1
    person.refresh_from_db()
    services.reply_to_invitation(invitation=person, accept=False)
    holder.refresh_from_db()
    _reply(holder)
    person.refresh_from_db()
    _reply(person)
    assert Invitation.objects.get(pk=person.pk).status == "waitlisted"
    services.reply_to_invitation(invitation=Invitation.objects.get(pk=holder.pk), accept=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert promote_from_waiting_list(
            convening=convening, invitation_id=person.pk, by=staff_user
        )
    assert len(mail.outbox) == 2


def test_an_online_convening_asks_for_no_flight_and_no_hotel_nights(
    participant_client, participant
):
    convening = open_convening(format="online")
    invitation = factories.InvitationFactory(convening=convening, participant=participant)
    url = reverse("convenings:portal-reply", args=[convening.pk])
    page = participant_client.get(url).content.decode()
    assert 'name="arrival_at"' not in page
    assert 'name="nights"' not in page
    response = participant_client.post(
        url, {"accept": "yes", "accepted_chatham_house": "on", "dietary_needs": "Halal"}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.nights == []
    assert invitation.arrival_at is None
