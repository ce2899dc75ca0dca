"""Briefing packs: who gets one, exactly once, in their language; SMTP failures and retries."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from briefings import services, tasks
from briefings.models import BriefingPack, DeliveryStatus, PackDelivery
from convenings.models import InvitationStatus
from tests import factories
from tests.briefings.factories import PDF_BYTES, BriefingFactory, thai

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
    assert attached[0].get_payload(decode=True) == PDF_BYTES + b"%rendered th"
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


class FailingBackend(BaseEmailBackend):
    calls = 0

    def send_messages(self, messages):
        FailingBackend.calls += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_smtp_failures_retry_then_end_failed_with_the_reason(pack_setup, settings, monkeypatch):
    pack, people = pack_setup
    settings.EMAIL_BACKEND = "tests.briefings.test_services_delivery.FailingBackend"
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


# --- Batches ---------------------------------------------------------------------------


class FlakyBackend(LocmemBackend):
    """The test outbox behind a mail server that refuses some addresses or drops the line."""

    connections = 0
    refused: dict[str, int] = {}  # address -> how many more times it is refused
    drop_at: int | None = None  # the message (counted from 0) on which the line drops, once
    messages = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        FlakyBackend.connections += 1

    def send_messages(self, messages):
        for message in messages:
            address = message.to[0]
            number, FlakyBackend.messages = FlakyBackend.messages, FlakyBackend.messages + 1
            if number == FlakyBackend.drop_at:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            if self.refused.get(address):
                self.refused[address] -= 1
                raise smtplib.SMTPRecipientsRefused({address: (550, b"5.1.1 No such user")})
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.briefings.test_services_delivery.FlakyBackend"
    FlakyBackend.connections, FlakyBackend.refused = 0, {}
    FlakyBackend.drop_at, FlakyBackend.messages = None, 0
    return FlakyBackend


@pytest.fixture
def three_queued(pack_setup):
    """Three queued deliveries of one pack, in three languages."""
    pack, people = pack_setup
    extra = factories.ParticipantFactory(full_name="Person extra")
    participants = [people["accepted"], people["invited"], extra]
    return [
        PackDelivery.objects.create(pack=pack, participant=person, language=language)
        for person, language in zip(participants, ["th", "en", "id"], strict=True)
    ]


@pytest.fixture
def retries(monkeypatch):
    """Each retry of the batch task, with what the deliveries looked like when it was asked."""
    seen = []
    real_retry = tasks.deliver_pack_batch.retry

    def spy(*args, **kwargs):
        ids = kwargs["kwargs"]["delivery_ids"]
        rows = PackDelivery.objects.filter(pk__in=ids).order_by("pk")
        seen.append(
            {
                "delivery_ids": ids,
                "countdown": kwargs["countdown"],
                "rows": list(rows.values_list("status", "attempts", "last_error")),
            }
        )
        return real_retry(*args, **kwargs)

    monkeypatch.setattr(tasks.deliver_pack_batch, "retry", spy)
    # Eager mode runs each retry at once (countdown ignored) when it does not propagate.
    conf = tasks.deliver_pack_batch.app.conf
    saved, conf.task_eager_propagates = conf.task_eager_propagates, False
    yield seen
    conf.task_eager_propagates = saved


def _run_batch(deliveries):
    result = tasks.deliver_pack_batch.apply(kwargs={"delivery_ids": [d.pk for d in deliveries]})
    return result.get()


def _recipients():
    return sorted(m.to[0] for m in mail.outbox)


def test_a_batch_sends_each_delivery_once_over_one_connection(three_queued, flaky):
    assert _run_batch(three_queued) == {"sent": 3}
    assert _recipients() == sorted(d.participant.email for d in three_queued)
    assert flaky.connections == 1
    # The same batch again (a duplicate task message): nothing more goes out.
    assert _run_batch(three_queued) == {"sent": 3}
    assert len(mail.outbox) == 3
    assert flaky.connections == 1  # nothing was waiting, so no connection either
    assert set(PackDelivery.objects.values_list("status", "attempts")) == {("sent", 1)}
    by_address = {m.to[0]: m for m in mail.outbox}
    for delivery in three_queued:
        message = by_address[delivery.participant.email]
        assert message.extra_headers["Content-Language"] == delivery.language
        assert message.extra_headers["Message-ID"] == (
            f"<briefing-pack-{delivery.pack_id}.{delivery.participant_id}@peer-learning.example>"
        )


def test_a_refused_address_is_retried_alone_with_backoff_and_ends_failed(
    three_queued, flaky, retries
):
    first, refused, last = three_queued
    flaky.refused = {refused.participant.email: 99}
    assert _run_batch(three_queued) == {"failed": 1}
    assert _recipients() == sorted([first.participant.email, last.participant.email])
    address = refused.participant.email
    reason = f"SMTPRecipientsRefused: {{'{address}': (550, b'5.1.1 No such user')}}"
    assert [r["delivery_ids"] for r in retries] == [[refused.pk]] * tasks.MAX_SEND_RETRIES
    assert [r["rows"] for r in retries] == [
        [("queued", n, reason)] for n in range(1, tasks.MAX_SEND_RETRIES + 1)
    ]
    # Exponential backoff with full jitter: each wait is at most 30 s x 2^n.
    assert all(0 <= r["countdown"] <= 30 * 2**n for n, r in enumerate(retries))
    refused.refresh_from_db()
    assert (refused.status, refused.attempts, refused.last_error) == (
        DeliveryStatus.FAILED,
        tasks.MAX_SEND_RETRIES + 1,
        reason,
    )
    assert set(PackDelivery.objects.exclude(pk=refused.pk).values_list("status", "attempts")) == {
        ("sent", 1)
    }


def test_a_dropped_connection_leaves_the_rest_of_the_batch_to_the_retry(
    three_queued, flaky, retries
):
    _first, second, third = three_queued
    flaky.drop_at = 1
    assert _run_batch(three_queued) == {"sent": 2}
    # The line dropped on the second message: the third was not tried on a dead line,
    # both were recorded and retried together, and went out on the retry.
    reason = "SMTPServerDisconnected: Connection unexpectedly closed"
    assert retries == [
        {
            "delivery_ids": [second.pk, third.pk],
            "countdown": retries[0]["countdown"],
            "rows": [("queued", 1, reason), ("queued", 1, reason)],
        }
    ]
    assert _recipients() == sorted(d.participant.email for d in three_queued)
    assert list(PackDelivery.objects.order_by("pk").values_list("status", "attempts")) == [
        ("sent", 1),
        ("sent", 2),
        ("sent", 2),
    ]
    assert flaky.connections == 2


def test_a_batch_skips_deliveries_sent_claimed_or_gone(three_queued, flaky):
    first, second, third = three_queued
    PackDelivery.objects.filter(pk=first.pk).update(status=DeliveryStatus.SENT, attempts=1)
    PackDelivery.objects.filter(pk=second.pk).update(status=DeliveryStatus.SENDING)
    third_pk = third.pk
    third.delete()
    result = tasks.deliver_pack_batch.apply(
        kwargs={"delivery_ids": [first.pk, second.pk, third_pk]}
    ).get()
    assert result == {"sent": 1, "sending": 1, "gone": 1}
    assert mail.outbox == []
    assert flaky.connections == 0


@pytest.mark.parametrize(("size", "queries"), [(1, 6), (3, 12)])
def test_a_batch_takes_a_constant_number_of_queries_per_email(
    three_queued, size, queries, django_assert_num_queries
):
    batch = three_queued[:size]
    # 6 for one e-mail, 12 for three: the deliveries with their pack, convening and person;
    # the pack's briefings; their files (once for all languages); then per e-mail a
    # savepoint (a transaction outside tests), the conditional UPDATE that claims and
    # records it, and the release (commit).
    with django_assert_num_queries(queries):
        assert _run_batch(batch) == {"sent": size}


def test_deliveries_are_published_in_batches(
    pack_setup, monkeypatch, django_capture_on_commit_callbacks
):
    pack, _people = pack_setup
    for _ in range(3):
        factories.InvitationFactory(
            participant=factories.ParticipantFactory(), convening=pack.convening
        )
    monkeypatch.setattr(services.delivery, "PACK_BATCH_SIZE", 2)
    published = []
    monkeypatch.setattr(
        tasks.deliver_pack_batch, "delay", lambda **kw: published.append(kw["delivery_ids"])
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_briefing_pack(pack=pack, by=None) == 5
    assert [len(ids) for ids in published] == [2, 2, 1]
    assert sorted(pk for ids in published for pk in ids) == sorted(
        pack.deliveries.values_list("pk", flat=True)
    )


def test_a_single_delivery_task_from_before_batches_still_delivers(three_queued):
    delivery = three_queued[0]
    assert tasks.deliver_pack.apply(kwargs={"delivery_id": delivery.pk}).get() == "sent"
    assert _recipients() == [delivery.participant.email]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)


def test_a_batch_across_two_packs_gives_each_its_own_content(three_queued, staff_user, flaky):
    """Re-queued and retried deliveries are batched by id, whatever pack they belong to."""
    first = three_queued[0]
    other = factories.ConveningFactory(title_en="Jakarta convening")
    briefing = BriefingFactory(convening=other, title_en="Screening at the border")
    pack = services.create_pack(convening=other, briefings=[briefing], by=staff_user)
    person = factories.ParticipantFactory()
    elsewhere = PackDelivery.objects.create(pack=pack, participant=person, language="en")
    assert _run_batch([first, elsewhere]) == {"sent": 2}
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        first.participant.email: "ชุดเอกสารบรรยายสรุป: การประชุมกรุงเทพฯ",
        person.email: "Briefing pack: Jakarta convening",
    }
    assert "Screening at the border" in mail.outbox[1].body
    assert "Screening at the border" not in mail.outbox[0].body


def test_a_convening_title_with_line_breaks_gives_a_one_line_subject(
    pack_setup, django_capture_on_commit_callbacks
):
    pack, _people = pack_setup
    pack.convening.title_th = "การประชุม\r\nกรุงเทพฯ\u2028ปี 2026"
    pack.convening.save()
    assert _send(pack, django_capture_on_commit_callbacks) == 2
    assert {m.subject for m in mail.outbox} == {"ชุดเอกสารบรรยายสรุป: การประชุม กรุงเทพฯ ปี 2026"}
    for message in mail.outbox:
        message.message()  # valid headers
    assert set(pack.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}
