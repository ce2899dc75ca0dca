"""Redis goes away while a briefing pack is being delivered.

A dedicated Redis (the session one is shared, so it cannot be stopped) carries the pack to
a worker started here. Redis stops mid-way and loses the queued task messages with it (it
keeps nothing on disk, like a restarted cache): the web app keeps serving and says the
broker is down, delivery stalls, and once Redis is back beat's periodic recovery re-queues
what is left. A send pressed by staff during the outage is recorded, not an error page.
Everyone ends with exactly one message.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import services as account_services
from briefings import services
from briefings.models import DeliveryStatus, PackDelivery
from briefings.tasks import STALLED_AFTER
from convenings.models import InvitationStatus
from tests import factories
from tests.briefings.factories import BriefingFactory
from tests.conftest import mail_files, read_mail, reset_broker_connections, worker_env
from tests.integration.web import session_cookie_for
from tests.servers import CeleryWorker, RedisServer, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# Enough batches that most wait in Redis while the 2-process worker holds two.
PEOPLE = services.PACK_BATCH_SIZE * 6
LANGUAGES = ["en", "id", "ms", "th"]


def _sent(pack) -> int:
    return PackDelivery.objects.filter(pack=pack, status=DeliveryStatus.SENT).count()


def _statuses(pack) -> Counter:
    return Counter(PackDelivery.objects.filter(pack=pack).values_list("status", flat=True))


@pytest.fixture
def own_redis(settings):
    """A Redis of this test's own, which the test process publishes to."""
    from platform_site.celery import app

    redis = RedisServer().start()
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    settings.CELERY_BROKER_URL = app.conf.broker_url = redis.url
    app.conf.task_always_eager = False
    reset_broker_connections(app)
    servers = [redis]
    yield servers  # the test appends the Redis it starts again on the same port
    for server in servers:
        server.stop()
    app.conf.update(saved)
    reset_broker_connections(app)


def test_a_pack_survives_redis_going_away_mid_send(
    own_redis, gunicorn_server, postgres_server, tmp_path
):
    from platform_site.celery import app

    redis = own_redis[0]
    convening = factories.ConveningFactory(title_en="Kuala Lumpur regional convening")
    people = []
    for n in range(PEOPLE):
        person = factories.ParticipantFactory(preferred_language=LANGUAGES[n % 4])
        factories.InvitationFactory(
            participant=person, convening=convening, status=InvitationStatus.ACCEPTED
        )
        people.append(person)
    briefing = BriefingFactory(convening=convening, title_en="Alternatives to detention")
    staff = factories.UserFactory(email="pack.staff@example.org")
    account_services.set_role(user=staff, role="staff")
    reader = factories.UserFactory(email="pack.reader@example.org")
    factories.ParticipantFactory(user=reader, email=reader.email)
    pack = services.create_pack(convening=convening, briefings=[briefing], by=staff)

    var_dir = tmp_path / "worker-var"
    worker = CeleryWorker(
        env=worker_env(postgres_server=postgres_server, redis_url=redis.url, var_dir=var_dir)
    ).start()
    try:
        server = gunicorn_server(broker_url=redis.url)
        cookies = session_cookie_for(reader)
        assert server.get("/portal/", cookies=cookies)[0] == 200

        assert services.send_briefing_pack(pack=pack, by=staff) == PEOPLE
        assert wait_until(lambda: _sent(pack) >= 3, timeout=30), _statuses(pack)
        redis.stop()
        assert _sent(pack) < PEOPLE, "everything was sent before Redis stopped: nothing tested"

        # The web app serves on, and its health check tells the operator what is wrong.
        status, _headers, body = server.get("/healthz/")
        assert status == 503
        state = json.loads(body)
        assert (state["database"], state["broker"], state["status"]) == ("ok", "down", "degraded")
        assert [server.get("/portal/", cookies=cookies)[0] for _ in range(3)] == [200] * 3
        assert server.get("/accounts/login/")[0] == 200
        # Someone accepts late and staff press "send" again: the delivery is recorded and
        # staff land on the pack page, rather than an error for a send that did happen.
        latecomer = factories.ParticipantFactory(preferred_language="th")
        factories.InvitationFactory(
            participant=latecomer, convening=convening, status=InvitationStatus.ACCEPTED
        )
        people.append(latecomer)
        # The confirmation step's POST (its first page only shows who would get it).
        status, headers, _body = server.post(
            f"/staff/briefings/packs/{pack.pk}/send/",
            {"confirm": "1"},
            cookies=session_cookie_for(staff),
        )
        assert (status, headers.get("Location")) == (302, f"/staff/briefings/packs/{pack.pk}/")
        assert PackDelivery.objects.filter(pack=pack, participant=latecomer).exists()

        # The worker finishes what it held; the task messages still in Redis are gone.
        def settled() -> bool:
            before = _sent(pack)
            time.sleep(1.5)
            return _sent(pack) == before

        assert wait_until(settled, timeout=20)
        stalled = len(people) - _sent(pack)
        assert stalled > 1
        assert _statuses(pack) == {
            DeliveryStatus.SENT: len(people) - stalled,
            DeliveryStatus.QUEUED: stalled,
        }

        own_redis.append(RedisServer(port=redis.port).start())
        assert wait_until(lambda: server.get("/healthz/")[0] == 200, timeout=20)
        # Nothing moves by itself: the messages were lost with Redis.
        time.sleep(1)
        assert _sent(pack) == len(people) - stalled

        # Beat's periodic recovery, once those deliveries have waited STALLED_AFTER.
        PackDelivery.objects.filter(pack=pack, status=DeliveryStatus.QUEUED).update(
            queued_at=timezone.now() - STALLED_AFTER - timedelta(minutes=1)
        )
        entry = app.conf.beat_schedule["briefings-requeue-stalled-deliveries"]
        app.send_task(entry["task"], args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
        assert wait_until(lambda: _sent(pack) == len(people), timeout=45), (
            _statuses(pack),
            worker.log.read_text()[-3000:],
        )
        time.sleep(1)  # a duplicate task still running would write its message now
    finally:
        worker.stop()

    messages = [m for path in mail_files(var_dir) for m in read_mail(path)]
    per_person = Counter(
        str(m["To"]) for m in messages if m["Message-ID"].startswith("<briefing-pack-")
    )
    assert per_person == {p.email: 1 for p in people}
    assert PackDelivery.objects.filter(pack=pack, attempts=1).count() == len(people)
