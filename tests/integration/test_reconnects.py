"""3,000 database reconnects on PostgreSQL: the process still answers, in-process and as a
gunicorn worker with DATABASE_CONN_MAX_AGE=0 (each request opens and closes its own
connection), signed-in pages included.

The removed page cache added one execute wrapper per new connection; at about a thousand
every query raised RecursionError, /healthz/ answered 503 and sign-in 500.
"""

from __future__ import annotations

import concurrent.futures

import pytest

from tests import factories
from tests.conftest import TEST_DB_NAME
from tests.integration.web import session_cookie_for
from tests.platform.test_reconnects import RECONNECTS, run_reconnects

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_three_thousand_reconnects_in_one_process_on_postgresql(postgres_server, tmp_path):
    found = run_reconnects(postgres_server.url(TEST_DB_NAME), tmp_path)
    assert found["opened"] >= RECONNECTS
    assert found["statuses"] == {"200": RECONNECTS}
    assert found["answer"] == 1
    assert found["healthz_after"] == 200
    assert found["execute_wrappers"] == [0, 0]


def test_a_gunicorn_worker_answers_after_three_thousand_reconnects(gunicorn_server):
    user = factories.UserFactory(email="reconnects@example.org")
    factories.ParticipantFactory(user=user, email=user.email)
    cookies = session_cookie_for(user)
    # One worker, so every reconnect happens in the same process.
    server = gunicorn_server(workers=1, threads=4, DATABASE_CONN_MAX_AGE="0")
    pid = server.process.pid

    def healthz(_):
        return server.get("/healthz/")[0]

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(healthz, range(RECONNECTS)))
    assert statuses == [200] * RECONNECTS, server.log_text()[-3000:]
    # Still answering the pages that need the session, the user and the participant.
    assert server.get("/portal/", cookies=cookies)[0] == 200
    assert server.get("/accounts/login/")[0] == 200
    assert "RecursionError" not in server.log_text()
    assert server.process.pid == pid
    assert server.process.poll() is None
