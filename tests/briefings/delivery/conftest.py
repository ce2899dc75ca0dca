"""A pack for invitees with every reply, three queued deliveries, a flaky backend and
recorded retries.
"""

from __future__ import annotations

import pytest

from briefings import services, tasks
from briefings.models import PackDelivery
from convenings.models import InvitationStatus
from tests import factories
from tests.briefings.delivery.backends import FlakyBackend
from tests.briefings.factories import BriefingFactory, thai


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


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.briefings.delivery.backends.FlakyBackend"
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
