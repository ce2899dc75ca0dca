"""Capacity under concurrent acceptances on the real PostgreSQL (branch logistics): the
convening row lock lets exactly `capacity` people in; the rest wait in order."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from convenings import services
from convenings.models import Invitation, InvitationStatus
from tests import factories

from .factories import open_convening

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REPLIERS = 20
CAPACITY = 7


def test_concurrent_yeses_never_exceed_the_capacity():
    assert connection.vendor == "postgresql"
    convening = open_convening(capacity=CAPACITY)
    ids = [factories.InvitationFactory(convening=convening).pk for _ in range(REPLIERS)]
    barrier = threading.Barrier(REPLIERS)
    errors: list[BaseException] = []

    def reply(invitation_id: int) -> None:
        try:
            invitation = Invitation.objects.get(pk=invitation_id)
            barrier.wait(timeout=30)
            services.reply_to_invitation(
                invitation=invitation, accept=True, accepted_chatham_house=True
            )
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=reply, args=(pk,)) for pk in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    statuses = list(Invitation.objects.filter(convening=convening).values_list("status", flat=True))
    assert statuses.count(InvitationStatus.ACCEPTED) == CAPACITY
    assert statuses.count(InvitationStatus.WAITLISTED) == REPLIERS - CAPACITY
    waiting = services.waiting_list(convening=convening)
    places = [i.waitlisted_at for i in waiting]
    assert places == sorted(places)
