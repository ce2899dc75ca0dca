"""`python -m tests.reconnects N`: close and reopen the database connection N times, then query.

Run in a process of its own (tests/platform/test_reconnects.py on SQLite,
tests/integration/test_reconnects.py on PostgreSQL) with DATABASE_URL set, so the
connection really closes: pytest's in-memory SQLite never does. Each reconnect goes
through a request to /healthz/ as a web worker's would with `DATABASE_CONN_MAX_AGE=0`
(the request ends by closing the connection, the next one opens a new one), and every
`connection_created` receiver runs again. Anything that piles up per connection (the
removed page cache added one execute wrapper per reconnect until every query raised
RecursionError at about a thousand) shows up here. Prints one JSON object.
"""

from __future__ import annotations

import json
import sys


def main(times: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.db.backends.signals import connection_created
    from django.test import Client

    opened = []
    connection_created.connect(lambda **kwargs: opened.append(1), weak=False)
    client = Client()
    wrappers_before = len(connection.execute_wrappers)
    statuses: dict[int, int] = {}
    for _ in range(times):
        status = client.get("/healthz/").status_code
        statuses[status] = statuses.get(status, 0) + 1
        connection.close()  # as at the end of a request when CONN_MAX_AGE is 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        answer = cursor.fetchone()[0]
    print(
        json.dumps(
            {
                "opened": len(opened),
                "statuses": statuses,
                "answer": answer,
                "execute_wrappers": [wrappers_before, len(connection.execute_wrappers)],
                "healthz_after": client.get("/healthz/").status_code,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
