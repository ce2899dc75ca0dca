"""Deliveries in batches over one connection: each sent once, a refused address retried
alone, a dropped connection left to the retry, queries per e-mail constant.
"""

from __future__ import annotations

import pytest
from django.core import mail

from briefings import services, tasks
from briefings.models import DeliveryStatus, PackDelivery
from tests import factories
from tests.briefings.delivery.backends import recipients, run_batch
from tests.briefings.factories import BriefingFactory

pytestmark = pytest.mark.django_db


def test_a_batch_sends_each_delivery_once_over_one_connection(three_queued, flaky):
    assert run_batch(three_queued) == {"sent": 3}
    assert recipients() == sorted(d.participant.email for d in three_queued)
    assert flaky.connections == 1
    # The same batch again (a duplicate task message): nothing more goes out.
    assert run_batch(three_queued) == {"sent": 3}
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
    assert run_batch(three_queued) == {"failed": 1}
    assert recipients() == sorted([first.participant.email, last.participant.email])
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
    assert run_batch(three_queued) == {"sent": 2}
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
    assert recipients() == sorted(d.participant.email for d in three_queued)
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
        assert run_batch(batch) == {"sent": size}


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
    assert recipients() == [delivery.participant.email]
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
    assert run_batch([first, elsewhere]) == {"sent": 2}
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        first.participant.email: "ชุดเอกสารบรรยายสรุป: การประชุมกรุงเทพฯ",
        person.email: "Briefing pack: Jakarta convening",
    }
    assert "Screening at the border" in mail.outbox[1].body
    assert "Screening at the border" not in mail.outbox[0].body
