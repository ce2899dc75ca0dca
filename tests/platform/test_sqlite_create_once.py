"""On the embedded SQLite default, a new-convening or new-outcome form POSTed several times at
the same moment creates one record, and every POST is answered with it.

As in test_sqlite_send_once.py, the probe runs in its own process against a database file
(threads against pytest-django's in-memory SQLite get "table is locked" instead of waiting).
"""

from tests import probes

CLICKS = 4

PROBE = r"""
import datetime as dt, json, sys, threading, uuid
import django
django.setup()
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.urls import reverse

call_command("migrate", verbosity=0)
from accounts import services as account_services
from convenings.models import Convening
from outcomes.models import Outcome
from tests import factories

clicks = int(sys.argv[1])
staff = factories.UserFactory()
account_services.set_role(user=staff, role="staff")
clients = []
for _ in range(clicks):
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    clients.append(client)
country = factories.CountryFactory(code="TH")
connections.close_all()


def at_once(url, data):
    barrier = threading.Barrier(clicks)
    answers, errors = [], []

    def run(client):
        try:
            barrier.wait()
            response = client.post(url, data)
            answers.append([response.status_code, response.get("Location", "")])
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers, errors


convening_answers, convening_errors = at_once(reverse("convenings:staff-create"), {
    "create_key": str(uuid.uuid4()), "title_en": "Forum", "host_country": country.pk,
    "city": "Bangkok", "start_date": "2031-03-01", "end_date": "2031-03-02",
    "format": "in_person", "status": "open", "currency": "USD", "cost_travel": "0",
    "cost_venue": "0", "cost_interpretation": "0", "cost_other": "0",
})
outcome_answers, outcome_errors = at_once(reverse("outcomes:staff-create"), {
    "create_key": str(uuid.uuid4()), "kind": "policy_champion", "country": "",
    "date": "2024-03-01", "verification": "reported", "title_en": "A pilot",
    "what_changed_en": "It started.", "evidence-TOTAL_FORMS": "0",
    "evidence-INITIAL_FORMS": "0", "evidence-MIN_NUM_FORMS": "0",
    "evidence-MAX_NUM_FORMS": "1000",
})
print(json.dumps({
    "convening_answers": convening_answers,
    "convening_errors": convening_errors,
    "convenings": list(Convening.objects.values_list("pk", flat=True)),
    "outcome_answers": outcome_answers,
    "outcome_errors": outcome_errors,
    "outcomes": list(Outcome.objects.values_list("pk", flat=True)),
}))
"""


def test_concurrent_posts_of_a_create_form_make_one_record_on_sqlite(tmp_path):
    probe = probes.probe(PROBE, str(CLICKS), env=probes.sqlite_env(tmp_path), timeout=300)
    assert probe["convening_errors"] == []
    [convening] = probe["convenings"]
    # Every POST lands on the one convening's page.
    assert probe["convening_answers"] == [[302, f"/staff/convenings/{convening}/"]] * CLICKS
    assert probe["outcome_errors"] == []
    [outcome] = probe["outcomes"]
    assert probe["outcome_answers"] == [[302, f"/staff/outcomes/{outcome}/"]] * CLICKS
