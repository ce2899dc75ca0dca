"""Replies under load on the real PostgreSQL: fifty people answer at the same moment."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection

from accounts.models import AuditEntry
from convenings import selectors, services
from convenings.models import Invitation
from tests import factories

from .factories import open_convening

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REPLIERS = 50
LANGUAGES = ["th", "id", "ms", ""]


def test_fifty_concurrent_replies_are_each_stored_once():
    assert connection.vendor == "postgresql"
    convening = open_convening(interpretation_languages=["th", "id", "ms"])
    invitations = [factories.InvitationFactory(convening=convening) for _ in range(REPLIERS)]
    plan = {
        invitation.pk: {
            "accept": index % 5 != 0,
            "language": LANGUAGES[index % len(LANGUAGES)],
        }
        for index, invitation in enumerate(invitations)
    }
    barrier = threading.Barrier(REPLIERS)
    errors: list[BaseException] = []

    def reply(invitation_id: int) -> None:
        try:
            invitation = Invitation.objects.get(pk=invitation_id)
            barrier.wait(timeout=30)
            services.reply_to_invitation(
                invitation=invitation,
                accept=plan[invitation_id]["accept"],
                interpretation_language=plan[invitation_id]["language"],
                dietary_needs=f"diet {invitation_id}",
                accepted_chatham_house=True,
            )
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=reply, args=(pk,)) for pk in plan]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert Invitation.objects.filter(convening=convening).count() == REPLIERS
    stored = {i.pk: i for i in Invitation.objects.filter(convening=convening)}
    for pk, wanted in plan.items():
        invitation = stored[pk]
        assert invitation.status == ("accepted" if wanted["accept"] else "declined")
        assert invitation.replied_at is not None
        if wanted["accept"]:
            assert invitation.interpretation_language == wanted["language"]
            assert invitation.dietary_needs == f"diet {pk}"
            assert invitation.chatham_house_accepted_at is not None
    assert AuditEntry.objects.filter(action="invitation.replied").count() == REPLIERS
    expected = Counter(
        wanted["language"] for wanted in plan.values() if wanted["accept"] and wanted["language"]
    )
    assert selectors.interpretation_headcount(convening=convening) == {
        code: expected.get(code, 0) for code in ("id", "ms", "th")
    }
