"""Follow-ups on the real stack: PostgreSQL's unique constraint, Redis and a worker process."""

import time

import pytest

from engagement import followups
from engagement.models import FollowUpMessage, MessageStatus, NotesStatus
from tests.conftest import mail_files, read_mail
from tests.engagement.factories import MeetingNoteFactory, past_convening
from tests.factories import InvitationFactory, ParticipantFactory
from tests.servers import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fresh_producer_pools():
    """Forget kombu's global producer pools after this test's broker connections are closed.

    tests/conftest.py's reset_broker_connections closes the app's connection pool, but
    kombu keeps a producer pool per broker URL that still points at it, so the next test
    of the session that publishes would fail with "Acquire on closed pool". Requested
    before celery_worker, this fixture is torn down after it.
    """
    yield
    from kombu import pools

    pools.reset()


def test_the_worker_sends_one_followup_per_attendee_and_a_second_run_adds_none(
    fresh_producer_pools, celery_worker, worker_var_dir
):
    convening = past_convening(days_ago=3, title="Integration convening")
    convening.title_th = "การประชุมทดสอบระบบ"
    convening.save()
    MeetingNoteFactory(
        convening=convening,
        status=NotesStatus.PUBLISHED,
        key_points_th="การจัดการรายกรณีได้ผล",
    )
    for language in ("th", "ms"):
        person = ParticipantFactory(preferred_language=language, email=f"{language}@example.org")
        InvitationFactory(convening=convening, participant=person, status="attended")

    assert followups.run_schedule().total == 2
    assert wait_until(
        lambda: FollowUpMessage.objects.filter(status=MessageStatus.SENT).count() == 2
    )
    assert followups.run_schedule().total == 0
    time.sleep(2)  # give a wrongly queued duplicate the time to arrive

    files = {path: path.read_text() for path in mail_files(worker_var_dir)}
    messages = [m for path in files for m in read_mail(path)]
    mine = [
        m
        for m in messages
        if "Integration convening" in str(m["Subject"]) or "การประชุมทดสอบระบบ" in str(m["Subject"])
    ]
    assert sorted(str(m["To"]) for m in mine) == ["ms@example.org", "th@example.org"]
    thai = next(m for m in mine if str(m["To"]) == "th@example.org")
    assert "การประชุมทดสอบระบบ" in str(thai["Subject"])
    # The file backend writes the UTF-8 body as is; read it from the file's text.
    thai_file = next(text for text in files.values() if "To: th@example.org" in text)
    assert "การจัดการรายกรณีได้ผล" in thai_file
    assert "เรียน คุณ " in thai_file
