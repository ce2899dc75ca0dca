"""On the embedded SQLite default too, sends POSTed at the same moment go out once.

Threads against pytest-django's in-memory SQLite test database get "table is locked"
instead of waiting (its shared cache locks whole tables), so, as in test_sqlite.py, the
probe runs in its own process against a database file configured by the real settings.
"""

from tests import probes

CLICKS = 4

PROBE = r"""
import json, sys, threading, uuid
import django
django.setup()
from django.core import mail
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.urls import reverse

call_command("migrate", verbosity=0)
from accounts import services as account_services
from briefings import pdf
from briefings.models import BriefingPack, PackDelivery
from convenings.models import ReminderBatch
from tests import factories
from tests.briefings.factories import BriefingFactory
from tests.convenings.factories import open_convening

pdf.render_pdf = lambda *, briefing, language: b"%PDF-1.7 probe"
clicks = int(sys.argv[1])
mail.outbox = []
staff = factories.UserFactory()
account_services.set_role(user=staff, role="staff")
clients = []
for _ in range(clicks):
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    clients.append(client)
convening = open_convening()
invitations = [factories.InvitationFactory(convening=convening) for _ in range(3)]
briefing = BriefingFactory(convening=convening)
connections.close_all()


def at_once(url, data):
    barrier = threading.Barrier(clicks)
    statuses, errors = [], []

    def run(client, data):
        try:
            barrier.wait()
            statuses.append(client.post(url, data).status_code)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c, d)) for c, d in zip(clients, data)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses), errors


pack_key = str(uuid.uuid4())
pack_statuses, pack_errors = at_once(
    reverse("briefings:staff-convening-packs", args=[convening.pk]),
    [{"briefings": [briefing.pk], "send_key": pack_key, "confirm": "1"}] * clicks,
)
pack_mail = len(mail.outbox)
picked = [i.pk for i in invitations]
remind_url = reverse("convenings:staff-remind", args=[convening.pk])
same_statuses, same_errors = at_once(remind_url, [{"invitations": picked, "send_key": str(uuid.uuid4()), "confirm": "1"}] * clicks)
fresh_statuses, fresh_errors = at_once(
    remind_url, [{"invitations": picked, "send_key": str(uuid.uuid4()), "confirm": "1"} for _ in range(clicks)]
)
print(json.dumps({
    "pack_statuses": pack_statuses,
    "pack_errors": pack_errors,
    "packs": BriefingPack.objects.count(),
    "deliveries": PackDelivery.objects.count(),
    "pack_mail": pack_mail,
    "reminder_statuses": same_statuses + fresh_statuses,
    "reminder_errors": same_errors + fresh_errors,
    "reminder_batches": sorted(ReminderBatch.objects.values_list("reminded", flat=True)),
    "reminder_mail": len(mail.outbox) - pack_mail,
}))
"""


def test_concurrent_posts_of_a_send_go_out_once_on_sqlite(tmp_path):
    probe = probes.probe(PROBE, str(CLICKS), env=probes.sqlite_env(tmp_path), timeout=300)
    # The same pack form posted four times at once: one pack, each of three people once.
    assert probe["pack_errors"] == []
    assert probe["pack_statuses"] == [302] * CLICKS
    assert (probe["packs"], probe["deliveries"], probe["pack_mail"]) == (1, 3, 3)
    # The same reminder form four times at once, then four fresh forms at once: one batch
    # reminds the three people, the others remind nobody.
    assert probe["reminder_errors"] == []
    assert probe["reminder_statuses"] == [302] * 2 * CLICKS
    assert probe["reminder_batches"] == [0] * CLICKS + [3]
    assert probe["reminder_mail"] == 3
