"""SMTP failures retry then end failed with the reason; failed and stalled deliveries are
queued again and sent once; a message that cannot be composed, or a broker that is down.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.utils import timezone

from briefings import services, tasks
from briefings.models import DeliveryStatus, PackDelivery
from tests.briefings.delivery.backends import FailingBackend

pytestmark = pytest.mark.django_db


def test_smtp_failures_retry_then_end_failed_with_the_reason(pack_setup, settings, monkeypatch):
    pack, people = pack_setup
    settings.EMAIL_BACKEND = "tests.briefings.delivery.backends.FailingBackend"
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


def test_a_message_that_cannot_be_composed_ends_failed_with_the_reason(
    pack_setup, staff_user, monkeypatch
):
    """A PDF gone from storage fails the deliveries in its language, at once; others go out."""
    from tests.briefings.factories import PDF_BYTES, upload

    pack, people = pack_setup
    own = pack.briefings.order_by("pk").first()
    item = services.upload_briefing_file(
        briefing=own, language="th", upload=upload("th.pdf", PDF_BYTES), by=staff_user
    )
    default_storage.delete(item.file.name)
    thai_one = PackDelivery.objects.create(pack=pack, participant=people["accepted"], language="th")
    english = PackDelivery.objects.create(pack=pack, participant=people["invited"], language="en")
    monkeypatch.setattr(
        tasks.deliver_pack_batch, "retry", lambda **kw: pytest.fail(f"retried: {kw}")
    )

    result = tasks.deliver_pack_batch.apply(kwargs={"delivery_ids": [thai_one.pk, english.pk]})

    assert result.get() == {"failed": 1, "sent": 1}
    thai_one.refresh_from_db()
    assert (thai_one.status, thai_one.attempts) == (DeliveryStatus.FAILED, 1)
    assert thai_one.last_error == (
        f"could not compose the e-mail: FileNotFoundError: [Errno 2] No such file or directory: "
        f"'{default_storage.path(item.file.name)}'"
    )
    assert [m.to for m in mail.outbox] == [[people["invited"].email]]


def test_a_send_while_the_broker_is_down_is_recorded_and_left_to_the_stalled_requeue(
    pack_setup, staff_user, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from kombu.exceptions import OperationalError

    pack, _people = pack_setup
    monkeypatch.setattr(services.delivery, "PACK_BATCH_SIZE", 1)  # two batches: only one is tried
    attempts = []

    def broker_down(**kwargs):
        attempts.append(kwargs)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver_pack_batch, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        added = services.send_briefing_pack(pack=pack, by=staff_user)
    assert added == 2
    # One try, not one connection timeout per batch; the deliveries wait, queued.
    assert len(attempts) == 1
    assert set(PackDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.QUEUED}
    assert "2 briefing pack deliveries wait" in caplog.text
    assert mail.outbox == []
