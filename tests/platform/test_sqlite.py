"""The embedded SQLite default keeps every reply when many participants answer at once.

The test database pytest-django makes for SQLite lives in memory with a shared cache,
which locks differently from a file, so the probe runs in its own process against a real
database file configured by the real settings module, as `make run` serves it.
"""

from tests import probes

REPLIERS = 30

PROBE = r"""
import json, sys, threading, traceback
import django
django.setup()
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

call_command("migrate", verbosity=0)
from convenings import services
from convenings.models import Convening, Invitation
from tests import factories
from tests.convenings.factories import open_convening

count = int(sys.argv[1])
options = connection.settings_dict["OPTIONS"]
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]


def invitations():
    convening = open_convening(chatham_house=False)
    return convening, [
        factories.InvitationFactory(
            convening=convening,
            participant=factories.ParticipantFactory(user=factories.UserFactory()),
        )
        for _ in range(count)
    ]


def at_once(work, items):
    # Every thread waits at the barrier so the writes really overlap.
    barrier = threading.Barrier(len(items))
    errors = []

    def run(item):
        try:
            barrier.wait()
            work(item)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


# Through the service the reply form calls.
by_service, service_invitations = invitations()
service_errors = at_once(
    lambda invitation: services.reply_to_invitation(
        invitation=invitation, accept=True, dietary_needs=f"meal {invitation.pk}"
    ),
    service_invitations,
)

# Through the reply form itself, signed in as each participant.
by_form, form_invitations = invitations()
clients = []
for invitation in form_invitations:
    client = Client(raise_request_exception=False)
    client.force_login(invitation.participant.user)
    clients.append((client, invitation))
connections.close_all()
statuses = []
url = reverse("convenings:portal-reply", args=[by_form.pk])


def post(pair):
    client, invitation = pair
    response = client.post(url, {"accept": "no", "priorities": f"reply {invitation.pk}"})
    statuses.append(response.status_code)


form_errors = at_once(post, clients)


def kept(convening, field, prefix):
    rows = Invitation.objects.filter(convening=convening)
    return sum(
        1 for pk, value in rows.values_list("pk", field) if value == f"{prefix} {pk}"
    )


print(json.dumps({
    "journal_mode": journal_mode,
    "transaction_mode": options.get("transaction_mode"),
    "service_errors": service_errors,
    "service_kept": kept(by_service, "dietary_needs", "meal"),
    "service_accepted": Invitation.objects.filter(convening=by_service, status="accepted").count(),
    "form_errors": form_errors,
    "form_statuses": sorted(statuses),
    "form_kept": kept(by_form, "priorities", "reply"),
    "form_declined": Invitation.objects.filter(convening=by_form, status="declined").count(),
}))
"""


def run_probe(tmp_path, count: int) -> dict:
    return probes.probe(PROBE, str(count), env=probes.sqlite_env(tmp_path), timeout=300)


def test_thirty_participants_replying_at_once_all_keep_their_reply(tmp_path):
    probe = run_probe(tmp_path, REPLIERS)
    assert probe["journal_mode"] == "wal"
    assert probe["transaction_mode"] == "IMMEDIATE"
    # Through the service: no "database is locked", every reply stored as sent.
    assert probe["service_errors"] == []
    assert probe["service_kept"] == REPLIERS
    assert probe["service_accepted"] == REPLIERS
    # Through the form: every participant is sent on to their convening page (302), none
    # sees an error page, and every reply is stored.
    assert probe["form_errors"] == []
    assert probe["form_statuses"] == [302] * REPLIERS
    assert probe["form_kept"] == REPLIERS
    assert probe["form_declined"] == REPLIERS
