"""Briefing packs: who gets one, exactly once, in their language; SMTP failures and retries."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from briefings import services, tasks
from briefings.models import BriefingPack, DeliveryStatus, PackDelivery
from convenings.models import InvitationStatus
from tests import factories
from tests.briefings.factories import BriefingFactory, thai

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack_setup(convening, staff_user, fast_pdf):
    """Invitations with every reply, one inactive person, and a pack of two briefings."""
    people = {}
    for status in InvitationStatus.values:
        person = factories.ParticipantFactory(full_name=f"Person {status}", preferred_language="th")
        factories.InvitationFactory(participant=person, convening=convening, status=status)
        people[status] = person
    gone = factories.ParticipantFactory(full_name="Inactive", is_active=False)
    factories.InvitationFactory(participant=gone, convening=convening, status="accepted")
    people["inactive"] = gone
    own = thai(BriefingFactory(convening=convening))
    platform = BriefingFactory(convening=None, title_en="Best interests assessment")
    pack = services.create_pack(convening=convening, briefings=[own, platform], by=staff_user)
    return pack, people


def _send(pack, capture):
    with capture(execute=True):
        return services.send_briefing_pack(pack=pack, by=None)


def test_deliveries_go_to_accepted_and_not_yet_replied_only(
    pack_setup, django_capture_on_commit_callbacks
):
    pack, people = pack_setup
    assert _send(pack, django_capture_on_commit_callbacks) == 2
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
    _send(pack, django_capture_on_commit_callbacks)
    assert _send(pack, django_capture_on_commit_callbacks) == 0
    assert pack.deliveries.count() == 2
    assert len(mail.outbox) == 2
    # Somebody invited later gets it on the next send, and only they do.
    late = factories.ParticipantFactory(preferred_language="id")
    factories.InvitationFactory(participant=late, convening=pack.convening)
    assert _send(pack, django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox[2:]] == [[late.email]]


def test_a_duplicate_task_sends_nothing(pack_setup, django_capture_on_commit_callbacks):
    pack, _people = pack_setup
    _send(pack, django_capture_on_commit_callbacks)
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


def test_the_email_is_in_the_participants_language_with_links_and_pdfs(
    pack_setup, django_capture_on_commit_callbacks, settings
):
    pack, people = pack_setup
    settings.SITE_URL = "https://peer.example"
    _send(pack, django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == [people["accepted"].email])
    assert message.subject == "ชุดเอกสารบรรยายสรุป: การประชุมกรุงเทพฯ"
    assert "การจัดการรายกรณีสำหรับเด็ก" in message.body
    own, platform = pack.briefings.order_by("pk")
    assert f"https://peer.example/portal/briefings/{own.pk}/" in message.body
    assert f"https://peer.example/portal/briefings/{platform.pk}/" in message.body
    attached = [p for p in message.message().walk() if p.get_content_disposition() == "attachment"]
    assert [(p.get_filename()[-7:], p.get_content_type()) for p in attached] == [
        ("-th.pdf", "application/pdf"),
        ("-th.pdf", "application/pdf"),
    ]
    assert attached[0].get_payload(decode=True) == b"%PDF-1.7 rendered th"
    assert message.extra_headers["Message-ID"] == (
        f"<briefing-pack-{pack.pk}.{people['accepted'].pk}@peer-learning.example>"
    )


def test_large_files_are_linked_not_attached(
    pack_setup, django_capture_on_commit_callbacks, settings
):
    pack, _people = pack_setup
    settings.PACK_ATTACHMENT_MAX_BYTES = 10
    _send(pack, django_capture_on_commit_callbacks)
    assert all(m.attachments == [] for m in mail.outbox)
    assert all("/portal/briefings/" in m.body for m in mail.outbox)


class FailingBackend:
    calls = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        FailingBackend.calls += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_smtp_failures_retry_then_end_failed_with_the_reason(pack_setup, settings, monkeypatch):
    pack, people = pack_setup
    settings.EMAIL_BACKEND = "tests.briefings.test_packs.FailingBackend"
    FailingBackend.calls = 0
    countdowns = []
    real_retry = tasks.deliver_pack.retry

    def spy_retry(*args, **kwargs):
        countdowns.append(kwargs["countdown"])
        return real_retry(*args, **kwargs)

    monkeypatch.setattr(tasks.deliver_pack, "retry", spy_retry)
    delivery = PackDelivery.objects.create(pack=pack, participant=people["accepted"], language="th")
    # Eager mode runs each retry at once (countdown ignored) when it does not propagate.
    conf = tasks.deliver_pack.app.conf
    saved, conf.task_eager_propagates = conf.task_eager_propagates, False
    try:
        result = tasks.deliver_pack.apply(kwargs={"delivery_id": delivery.pk})
    finally:
        conf.task_eager_propagates = saved
    assert result.get() == "failed"
    delivery.refresh_from_db()
    assert FailingBackend.calls == tasks.MAX_SEND_RETRIES + 1
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == tasks.MAX_SEND_RETRIES + 1
    assert delivery.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert delivery.sent_at is None
    # Exponential backoff with full jitter: each wait is at most 30 s x 2^n.
    assert len(countdowns) == tasks.MAX_SEND_RETRIES
    assert all(0 <= c <= 30 * 2**n for n, c in enumerate(countdowns))


def test_retry_failed_queues_them_again_and_they_are_sent(
    pack_setup, settings, django_capture_on_commit_callbacks
):
    pack, people = pack_setup
    delivery = PackDelivery.objects.create(
        pack=pack,
        participant=people["accepted"],
        language="th",
        status=DeliveryStatus.FAILED,
        attempts=6,
        last_error="SMTPServerDisconnected",
    )
    sent = PackDelivery.objects.create(
        pack=pack, participant=people["invited"], language="th", status=DeliveryStatus.SENT
    )
    people["accepted"].preferred_language = "ms"
    people["accepted"].save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_failed(pack=pack) == 1
    delivery.refresh_from_db()
    sent.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.language) == ("sent", 7, "ms")
    assert mail.outbox[0].subject.startswith("Pek taklimat: ")
    assert sent.status == "sent"
    assert [m.to for m in mail.outbox] == [[people["accepted"].email]]


def test_stalled_deliveries_are_queued_again_and_sent_once(
    pack_setup, django_capture_on_commit_callbacks
):
    pack, people = pack_setup
    old = PackDelivery.objects.create(pack=pack, participant=people["accepted"], language="th")
    fresh = PackDelivery.objects.create(pack=pack, participant=people["invited"], language="th")
    PackDelivery.objects.filter(pk=old.pk).update(queued_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_stalled_deliveries(older_than=timedelta(minutes=15)) == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == ("sent", "queued")
    with django_capture_on_commit_callbacks(execute=True):
        services.requeue_stalled_deliveries(older_than=timedelta(0))
    assert len(mail.outbox) == 2


def test_a_pack_takes_only_briefings_published_for_its_convening(convening, staff_user):
    from django.core.exceptions import ValidationError

    elsewhere = BriefingFactory(convening=factories.ConveningFactory())
    draft = BriefingFactory(convening=convening, status="draft")
    for briefing in (elsewhere, draft):
        with pytest.raises(ValidationError):
            services.create_pack(convening=convening, briefings=[briefing], by=staff_user)
    assert not BriefingPack.objects.exists()


def test_a_message_that_cannot_be_composed_ends_failed_with_the_reason(pack_setup, monkeypatch):
    pack, people = pack_setup
    delivery = PackDelivery.objects.create(pack=pack, participant=people["accepted"], language="th")

    def broken(**kwargs):
        raise FileNotFoundError("briefings/files/gone.pdf")

    monkeypatch.setattr("briefings.mail.build_pack_message", broken)
    assert tasks.deliver_pack.apply(kwargs={"delivery_id": delivery.pk}).get() == "failed"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_error == (
        "could not compose the e-mail: FileNotFoundError: briefings/files/gone.pdf"
    )
    assert mail.outbox == []


def test_a_send_while_the_broker_is_down_is_recorded_and_left_to_the_stalled_requeue(
    pack_setup, staff_user, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from kombu.exceptions import OperationalError

    pack, _people = pack_setup
    attempts = []

    def broker_down(**kwargs):
        attempts.append(kwargs)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver_pack, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        added = services.send_briefing_pack(pack=pack, by=staff_user)
    assert added == 2
    # One try, not one connection timeout per person; the deliveries wait, queued.
    assert len(attempts) == 1
    assert set(PackDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.QUEUED}
    assert "2 briefing pack deliveries wait" in caplog.text
    assert mail.outbox == []
