"""The gunicorn helper load tests build on: signed-in GETs and form POSTs, many at once."""

from __future__ import annotations

import concurrent.futures

import pytest

from participants.models import Participant
from tests import factories
from tests.integration.web import session_cookie_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_many_signed_in_people_post_a_form_at_once(gunicorn_server):
    people = [
        factories.ParticipantFactory(user=factories.UserFactory(), preferred_language="en")
        for _ in range(20)
    ]
    cookies = {p.pk: session_cookie_for(p.user) for p in people}
    server = gunicorn_server(workers=2, threads=4)

    def switch(person):
        return server.post(
            "/i18n/setlang/", {"language": "th", "next": "/portal/"}, cookies=cookies[person.pk]
        )

    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        results = list(pool.map(switch, people))
    assert [status for status, _headers, _body in results] == [302] * 20
    assert Participant.objects.filter(preferred_language="th").count() == 20


def test_a_post_without_the_csrf_secret_is_refused(gunicorn_server):
    person = factories.ParticipantFactory(user=factories.UserFactory())
    cookies = session_cookie_for(person.user)
    server = gunicorn_server(workers=1)
    forged = {k: v for k, v in cookies.items() if k != "csrftoken"}
    status, _headers, _body = server.post(
        "/i18n/setlang/", {"language": "th", "next": "/portal/"}, cookies=forged
    )
    assert status == 403
    person.refresh_from_db()
    assert person.preferred_language == "en"
