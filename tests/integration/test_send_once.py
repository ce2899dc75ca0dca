"""Concurrent presses of a send button on the real stack: PostgreSQL, Redis, a real worker.

Two POSTs of the same "Send the pack" form arrive at the same moment (a double click on a
slow line, two tabs): one pack is built and each person gets it once. Three presses of
"Send a reminder" arrive together: each person gets one reminder. Two POSTs of the same
ad-hoc message: one message, each person gets it once. (Each POST is the confirmation
step's, `confirm=1`: the form's own POST only shows the preview.)
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from accounts import services as account_services
from briefings.models import BriefingPack, DeliveryStatus, PackDelivery
from convenings.models import (
    Invitation,
    Message,
    MessageDelivery,
    MessageDeliveryStatus,
    ReminderBatch,
)
from tests import factories
from tests.briefings.conftest import forget_broker_pools  # noqa: F401 (a fixture)
from tests.briefings.factories import BriefingFactory
from tests.conftest import mail_files, read_mail
from tests.convenings.factories import open_convening
from tests.servers import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _staff_clients(count: int) -> list[Client]:
    staff = factories.UserFactory()
    account_services.set_role(user=staff, role="staff")
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(staff)
        clients.append(client)
    return clients


def _post_at_once(url: str, posts: list[tuple[Client, dict]]) -> list[str]:
    """Each (client, data) POSTs at the same moment; the redirect targets, in any order."""
    barrier = threading.Barrier(len(posts))
    answers: list[str] = []
    errors: list[BaseException] = []

    def post(client: Client, data: dict) -> None:
        try:
            barrier.wait(timeout=30)
            response = client.post(url, data)
            assert response.status_code == 302, response.status_code
            answers.append(response["Location"])
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=pair) for pair in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return answers


def _mail_to(worker_var_dir, people) -> Counter:
    wanted = {p.email for p in people}
    return Counter(
        m["To"] for path in mail_files(worker_var_dir) for m in read_mail(path) if m["To"] in wanted
    )


def _pack_to_send(accepted: int):
    """A convening with `accepted` people who said yes and one briefing: the people, the
    briefing and the address of the convening's packs."""
    assert connection.vendor == "postgresql"
    convening = factories.ConveningFactory()
    people = [
        factories.InvitationFactory(convening=convening, status="accepted").participant
        for _ in range(accepted)
    ]
    briefing = BriefingFactory(convening=convening)
    return people, briefing, reverse("briefings:staff-convening-packs", args=[convening.pk])


def _assert_one_pack_delivered_once(answers, people, worker_var_dir) -> None:
    """Both POSTs were answered with the one pack, and each person got it once."""
    pack = BriefingPack.objects.get()
    assert answers == [reverse("briefings:staff-pack", args=[pack.pk])] * 2
    assert wait_until(
        lambda: PackDelivery.objects.filter(status=DeliveryStatus.SENT).count() == len(people),
        timeout=60,
    )
    time.sleep(1)  # a second send, had there been one, would be written by now
    assert _mail_to(worker_var_dir, people) == {p.email: 1 for p in people}
    assert PackDelivery.objects.count() == len(people)


def test_two_concurrent_posts_of_the_same_pack_deliver_once(
    forget_broker_pools,  # noqa: F811
    celery_worker,
    worker_var_dir,
):
    people, briefing, url = _pack_to_send(4)
    # The POST of the confirmation step (sends/confirm.html), sent twice at once.
    data = {"briefings": [briefing.pk], "send_key": str(uuid.uuid4()), "confirm": "1"}

    answers = _post_at_once(url, [(client, data) for client in _staff_clients(2)])

    _assert_one_pack_delivered_once(answers, people, worker_var_dir)


def test_three_reminder_clicks_at_once_send_one_reminder(
    forget_broker_pools,  # noqa: F811
    celery_worker,
    worker_var_dir,
):
    assert connection.vendor == "postgresql"
    convening = open_convening()
    invitations = [factories.InvitationFactory(convening=convening) for _ in range(3)]
    people = [i.participant for i in invitations]
    url = reverse("convenings:staff-remind", args=[convening.pk])
    clients = _staff_clients(3)
    picked = [i.pk for i in invitations]
    # The same form clicked three times at once.
    same = {"invitations": picked, "send_key": str(uuid.uuid4()), "confirm": "1"}
    _post_at_once(url, [(client, same) for client in clients])
    assert ReminderBatch.objects.count() == 1
    assert wait_until(
        lambda: not Invitation.objects.filter(convening=convening, reminded_at=None).exists(),
        timeout=60,
    )
    # Then three pages shown separately (three tabs, three colleagues), clicked at once.
    _post_at_once(
        url,
        [
            (client, {"invitations": picked, "send_key": str(uuid.uuid4()), "confirm": "1"})
            for client in clients
        ],
    )
    time.sleep(1.5)  # a second reminder, had one been queued, would be written by now
    assert _mail_to(worker_var_dir, people) == {p.email: 1 for p in people}
    assert sorted(ReminderBatch.objects.values_list("reminded", flat=True)) == [0, 0, 0, 3]


def test_two_concurrent_posts_of_the_same_message_deliver_once(
    forget_broker_pools,  # noqa: F811
    celery_worker,
    worker_var_dir,
):
    assert connection.vendor == "postgresql"
    convening = open_convening()
    people = [
        factories.InvitationFactory(
            convening=convening,
            participant=factories.ParticipantFactory(preferred_language=language),
        ).participant
        for language in ("en", "th", "ms")
    ]
    url = reverse("convenings:staff-message-new", args=[convening.pk])
    # The confirmation step's POST, sent twice at once (a double click, two tabs).
    data = {
        "audience": "all",
        "send_key": str(uuid.uuid4()),
        "subject_en": "Visa letters",
        "body_en": "Your visa letter is on your page.",
        "subject_th": "จดหมายวีซ่า",
        "body_th": "จดหมายวีซ่าของท่านอยู่ในหน้าของท่านแล้ว",
        "confirm": "1",
    }

    answers = _post_at_once(url, [(client, data) for client in _staff_clients(2)])

    message = Message.objects.get()
    page = reverse("convenings:staff-message", args=[convening.pk, message.pk])
    assert answers == [page, page]
    assert wait_until(
        lambda: MessageDelivery.objects.filter(status=MessageDeliveryStatus.SENT).count() == 3,
        timeout=60,
    )
    time.sleep(1)  # a second send, had there been one, would be written by now
    assert _mail_to(worker_var_dir, people) == {p.email: 1 for p in people}
    assert MessageDelivery.objects.count() == 3


def test_two_tabs_of_the_pack_form_posted_at_once_deliver_once(
    forget_broker_pools,  # noqa: F811
    celery_worker,
    worker_var_dir,
):
    # Each tab drew its own send key; the convening's row lock makes the second wait for
    # the first and then find its pack.
    people, briefing, url = _pack_to_send(3)
    tabs = [
        {"briefings": [briefing.pk], "send_key": str(uuid.uuid4()), "confirm": "1"}
        for _ in range(2)
    ]

    answers = _post_at_once(url, list(zip(_staff_clients(2), tabs, strict=True)))

    _assert_one_pack_delivered_once(answers, people, worker_var_dir)
