"""Who gets a briefing pack, exactly once: accepted and not-yet-replied invitees, one delivery
per person, duplicate and unclaimed tasks send nothing; a pack takes only the convening's
published briefings.
"""

from __future__ import annotations

import pytest
from django.core import mail

from briefings import services, tasks
from briefings.models import BriefingPack, PackDelivery
from tests import factories
from tests.briefings.delivery.backends import send_pack
from tests.briefings.factories import BriefingFactory

pytestmark = pytest.mark.django_db


def test_deliveries_go_to_accepted_and_not_yet_replied_only(
    pack_setup, django_capture_on_commit_callbacks
):
    pack, people = pack_setup
    assert send_pack(pack, django_capture_on_commit_callbacks) == 2
    assert set(pack.deliveries.values_list("participant_id", flat=True)) == {
        people["accepted"].pk,
        people["invited"].pk,
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["accepted"].email, people["invited"].email]
    )
    assert set(pack.deliveries.values_list("status", "attempts", "language")) == {("sent", 1, "th")}


def test_sending_again_creates_no_second_delivery(pack_setup, django_capture_on_commit_callbacks):
    pack, _people = pack_setup
    send_pack(pack, django_capture_on_commit_callbacks)
    assert send_pack(pack, django_capture_on_commit_callbacks) == 0
    assert pack.deliveries.count() == 2
    assert len(mail.outbox) == 2
    # Somebody invited later gets it on the next send, and only they do.
    late = factories.ParticipantFactory(preferred_language="id")
    factories.InvitationFactory(participant=late, convening=pack.convening)
    assert send_pack(pack, django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox[2:]] == [[late.email]]


def test_a_duplicate_task_sends_nothing(pack_setup, django_capture_on_commit_callbacks):
    pack, _people = pack_setup
    send_pack(pack, django_capture_on_commit_callbacks)
    delivery = pack.deliveries.first()
    assert tasks.deliver_pack.apply(kwargs={"delivery_id": delivery.pk}).get() == "sent"
    assert len(mail.outbox) == 2
    delivery.refresh_from_db()
    assert delivery.attempts == 1


def test_a_task_whose_claim_is_lost_sends_nothing(pack_setup, monkeypatch):
    """Two tasks past the early check: the conditional UPDATE lets only one send."""
    pack, people = pack_setup
    delivery = PackDelivery.objects.create(pack=pack, participant=people["accepted"], language="th")
    from briefings.mail import build_pack_message

    message = build_pack_message(delivery=delivery)
    assert services.deliver_delivery(delivery_id=delivery.pk, message=message) is True
    assert services.deliver_delivery(delivery_id=delivery.pk, message=message) is False
    assert len(mail.outbox) == 1


def test_a_pack_takes_only_briefings_published_for_its_convening(convening, staff_user):
    from django.core.exceptions import ValidationError

    elsewhere = BriefingFactory(convening=factories.ConveningFactory())
    draft = BriefingFactory(convening=convening, status="draft")
    for briefing in (elsewhere, draft):
        with pytest.raises(ValidationError):
            services.create_pack(convening=convening, briefings=[briefing], by=staff_user)
    assert not BriefingPack.objects.exists()
