"""Load: a convening's worth of people replying at the same moment, through gunicorn.

Each person signs in as participants do (an e-mailed code, through allauth's forms) from
their own loopback address, opens the reply form and posts it with its CSRF token; the 50
posts are released together. What the
staff then read (headcounts per interpretation language, accepted count) must equal what
was sent, and each reply must be stored once. The two gunicorn workers share a Redis
cache (sessions), as in production: each person's convening page, read before they
replied, shows their reply afterwards, whichever worker serves it.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections import Counter

import pytest

from accounts.models import AuditEntry
from convenings import selectors
from convenings.models import ConveningStatus, Invitation, InvitationStatus
from tests import factories
from tests.integration.web import Browser
from tests.servers import RedisServer

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PEOPLE = 50
OFFERED = ["th", "id", "ms"]


def _reply_for(n: int) -> dict[str, str]:
    """A varied but known reply: 40 yes (a quarter of them without interpretation), 10 no."""
    accept = n % 5 != 0
    data = {
        "accept": "yes" if accept else "no",
        # Those who decline pick a language too: it must not be counted.
        "interpretation_language": ["", *OFFERED][n % 4],
        "access_needs": "Step-free access" if n % 7 == 0 else "",
        "dietary_needs": "",
        "priorities": f"Topic {n}",
    }
    if n % 3 == 0:
        data["travel_support"] = "on"
    if accept:
        data["accepted_chatham_house"] = "on"
    return data


@pytest.fixture
def cache_url():
    redis = RedisServer().start()
    yield redis.url.replace("/0", "/1")
    redis.stop()


def test_fifty_participants_reply_to_one_convening_at_once(gunicorn_server, web_var_dir, cache_url):
    convening = factories.ConveningFactory(
        status=ConveningStatus.OPEN, chatham_house=True, interpretation_languages=OFFERED
    )
    people = []
    for n in range(PEOPLE):
        user = factories.UserFactory(email=f"load{n}@example.org")
        people.append(factories.ParticipantFactory(user=user, email=user.email))
        factories.InvitationFactory(participant=people[-1], convening=convening)
    server = gunicorn_server(workers=2, threads=8, CACHE_URL=cache_url)
    path = f"/portal/convenings/{convening.pk}/reply/"
    detail = f"/portal/convenings/{convening.pk}/"

    def sign_in(n: int) -> tuple[Browser, str]:
        browser = Browser(server, source_ip=f"127.0.0.{10 + n}")
        browser.sign_in_by_code(people[n].email, mail_dir=web_var_dir / "mail")
        for _ in range(2):  # the second visit reads the session from the shared cache
            status, _headers, page = browser.get(detail)
            assert status == 200, (n, status)
            assert "Reply now" in page, n
        status, _headers, page = browser.get(path)
        assert status == 200, (n, status)
        return browser, page

    start_together = threading.Barrier(PEOPLE, timeout=30)

    def reply(n: int, browser: Browser, page: str) -> tuple[int, str]:
        start_together.wait()
        status, headers, _body = browser.submit(path, _reply_for(n), page=page)
        return status, headers.get("Location", "")

    with concurrent.futures.ThreadPoolExecutor(PEOPLE) as pool:
        signed_in = list(pool.map(sign_in, range(PEOPLE)))
        started = time.monotonic()
        results = list(pool.map(reply, range(PEOPLE), *zip(*signed_in, strict=True)))
    elapsed = time.monotonic() - started

    statuses = Counter(status for status, _location in results)
    assert statuses == {302: PEOPLE}, (statuses, server.log_text()[-3000:])
    assert {location for _status, location in results} == {detail}
    assert elapsed < 30, f"50 replies took {elapsed:.1f} s"

    # Every convening page kept before the replies is gone: each shows the new reply.
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        pages = list(pool.map(lambda pair: pair[0].get(detail), signed_in))
    for n, (status, _headers, page) in enumerate(pages):
        assert status == 200
        assert "Reply now" not in page, n
        assert "Change my reply" in page, n
        assert ("Accepted" if _reply_for(n)["accept"] == "yes" else "Declined") in page, n

    sent = {people[n].pk: _reply_for(n) for n in range(PEOPLE)}
    invitations = list(Invitation.objects.filter(convening=convening))
    assert len(invitations) == PEOPLE
    for invitation in invitations:
        reply = sent[invitation.participant_id]
        accept = reply["accept"] == "yes"
        assert invitation.status == (
            InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
        )
        assert invitation.interpretation_language == (
            reply["interpretation_language"] if accept else ""
        )
        assert invitation.travel_support == (accept and "travel_support" in reply)
        assert invitation.priorities == reply["priorities"]
        assert invitation.replied_at is not None
        assert (invitation.chatham_house_accepted_at is not None) == accept
    # Stored once: one audit entry per reply, none lost, none doubled.
    audited = Counter(
        AuditEntry.objects.filter(action="invitation.replied").values_list("object_id", flat=True)
    )
    assert audited == {str(i.pk): 1 for i in invitations}

    accepted = [r for r in sent.values() if r["accept"] == "yes"]
    expected_seats = Counter(r["interpretation_language"] for r in accepted)
    assert selectors.interpretation_headcount(convening=convening) == {
        code: expected_seats[code] for code in OFFERED
    }
    assert selectors.cost_summary(convening=convening).attendees == len(accepted) == 40
    needs = selectors.replies_and_needs(convening=convening)
    assert needs.seats_total == sum(expected_seats[code] for code in OFFERED) == 30
    assert needs.travel_support == sum("travel_support" in r for r in accepted)
