"""In-process half of a benchmark run on one seeded database: sessions, paths and query counts.

Run by bench/run.py as `python -m bench.probe` with DJANGO_SETTINGS_MODULE=bench.settings
and the benchmark DATABASE_URL; prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import sys

import django
from django.conf import settings
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.test.utils import CaptureQueriesContext


def _participant_user(user_model):
    """The demo participant, or else the first active participant with an account."""
    # Called from main(), after django.setup().
    from participants.models import Participant  # noqa: PLC0415  the app's modules load only after django.setup()

    linked = Participant.objects.filter(is_active=True, user__isnull=False).order_by("pk")
    demo = linked.filter(user__email="participant@demo.example").first()
    chosen = demo or linked.first()
    return (
        chosen.user
        if chosen
        else user_model.objects.filter(email="participant@demo.example").first()
    )


def main() -> None:
    # A script run as `python -m bench.…`: the app's modules load once django.setup() has run.
    django.setup()
    from accounts.models import User  # noqa: PLC0415  the app's modules load only after django.setup()
    from bench.pages import CONSTANT, PAGES  # noqa: PLC0415  the app's modules load only after django.setup()

    people = {
        "participant": _participant_user(User),
        "staff": User.objects.filter(email="staff@demo.example").first(),
        "admin": User.objects.filter(email="admin@demo.example").first(),
    }
    clients: dict[str, Client] = {"anonymous": Client()}
    cookies: dict[str, dict[str, str]] = {"anonymous": {}}
    for role, user in people.items():
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        clients[role] = client
        # A browser's cookies: the session and the CSRF secret (pages with forms set it).
        cookies[role] = {
            settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
            settings.CSRF_COOKIE_NAME: _get_new_csrf_string(),
        }
        client.cookies[settings.CSRF_COOKIE_NAME] = cookies[role][settings.CSRF_COOKIE_NAME]

    rows = []
    for page in [CONSTANT, *PAGES]:
        row = {"label": page.label, "role": page.role, "path": None, "status": None}
        path = page.path()
        client = clients.get(page.role)
        if path and client is not None:
            client.get(path)  # warm: first-request session writes, caches
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            row.update(
                path=path,
                status=response.status_code,
                queries=len(queries),
                cookies=cookies[page.role],
            )
        rows.append(row)
    print(json.dumps({"pages": rows}))


if __name__ == "__main__":
    sys.exit(main())
