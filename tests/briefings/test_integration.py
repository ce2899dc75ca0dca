"""A pack to 157 people through Redis and real workers, one of them killed mid-send."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from briefings import services
from briefings.models import DeliveryStatus, PackDelivery
from convenings.models import InvitationStatus
from tests import factories
from tests.briefings.factories import BriefingFactory
from tests.conftest import mail_files, read_mail, worker_env
from tests.servers import CeleryWorker, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "id", "ms", "th"]
TITLES = {
    "en": "Case management for children and families",
    "id": "Manajemen kasus untuk anak dan keluarga",
    "ms": "Pengurusan kes untuk kanak-kanak dan keluarga",
    "th": "การจัดการรายกรณีสำหรับเด็กและครอบครัว",
}


def _sent() -> int:
    return PackDelivery.objects.filter(status=DeliveryStatus.SENT).count()


def _settled(quiet: float = 1.0) -> bool:
    """True once the sent count has not moved for `quiet` seconds."""
    before = _sent()
    time.sleep(quiet)
    return _sent() == before


def test_every_participant_gets_the_pack_exactly_once_in_their_language_despite_a_killed_worker(
    forget_broker_pools, celery_worker, worker_var_dir, postgres_server, redis_server
):
    convening = factories.ConveningFactory(
        title_en="Bangkok regional convening",
        title_ind="Pertemuan regional Bangkok",
        title_ms="Mesyuarat serantau Bangkok",
        title_th="การประชุมระดับภูมิภาคที่กรุงเทพฯ",
    )
    recipients, declined = [], []
    for n in range(157):
        person = factories.ParticipantFactory(preferred_language=LANGUAGES[n % 4])
        status = InvitationStatus.ACCEPTED if n % 3 else InvitationStatus.INVITED
        factories.InvitationFactory(participant=person, convening=convening, status=status)
        recipients.append(person)
    for _ in range(3):
        person = factories.ParticipantFactory()
        factories.InvitationFactory(
            participant=person, convening=convening, status=InvitationStatus.DECLINED
        )
        declined.append(person)
    briefing = BriefingFactory(
        convening=convening,
        title_en=TITLES["en"],
        title_ind=TITLES["id"],
        title_ms=TITLES["ms"],
        title_th=TITLES["th"],
        body_th="เนื้อหา",
        body_ind="Isi",
        body_ms="Kandungan",
    )
    staff = factories.UserFactory()
    pack = services.create_pack(convening=convening, briefings=[briefing], by=staff)

    assert services.send_briefing_pack(pack=pack, by=staff) == 157
    assert wait_until(lambda: _sent() >= 40, timeout=60), "the worker never got going"
    celery_worker.kill()
    sent_at_kill = _sent()
    assert sent_at_kill < 157, "everything was sent before the kill: nothing was tested"

    # A duplicate send and a duplicate task while nobody is working add nothing.
    assert services.send_briefing_pack(pack=pack, by=staff) == 0
    replacement = CeleryWorker(
        env=worker_env(
            postgres_server=postgres_server, redis_url=redis_server.url, var_dir=worker_var_dir
        )
    ).start()
    try:
        # The new worker drains the queue; what is left lost its task with the dead worker.
        assert wait_until(_settled, timeout=60)
        stalled = 157 - _sent()
        # What beat does every ten minutes; "older than 0" stands in for the wait.
        assert services.requeue_stalled_deliveries(older_than=timedelta(0)) == stalled
        assert wait_until(lambda: _sent() == 157, timeout=90), Counter(
            PackDelivery.objects.values_list("status", flat=True)
        )
        time.sleep(0.5)  # a duplicate task still running would write its message now
    finally:
        replacement.stop()

    messages = [m for path in mail_files(worker_var_dir) for m in read_mail(path)]
    per_person = Counter(m["To"] for m in messages if m["Message-ID"].startswith("<briefing-pack-"))
    assert {p.email: per_person[p.email] for p in recipients} == {p.email: 1 for p in recipients}
    assert all(per_person[p.email] == 0 for p in declined)
    assert len(per_person) == 157

    subjects = {}
    for language in LANGUAGES:
        with translation.override(language):
            subjects[language] = render_to_string(
                "briefings/email/pack_subject.txt", {"convening": convening}
            ).strip()
    assert len(set(subjects.values())) == 4
    by_email = {m["To"]: m for m in messages}
    for person in recipients:
        message = by_email[person.email]
        language = person.preferred_language
        assert message["Subject"].strip() == subjects[language]
        assert message["Content-Language"].strip() == language
        part = message.get_body(preferencelist=("plain",))
        # The file was read as text, so the 8-bit UTF-8 body is taken back to bytes first.
        raw = part.get_payload()
        if part["Content-Transfer-Encoding"] in ("base64", "quoted-printable"):
            raw = part.get_payload(decode=True).decode(part.get_content_charset())
        text = raw
        assert TITLES[language] in text
    assert PackDelivery.objects.filter(pack=pack, attempts=1).count() == 157
