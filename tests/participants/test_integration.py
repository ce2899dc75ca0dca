"""Participants on the production stack: PostgreSQL, and a real worker for the account e-mail."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection
from django.urls import reverse

from accounts import demo as accounts_demo
from participants import demo, services
from participants.importing import validate_rows
from participants.models import Organisation, Participant
from tests.conftest import mail_files, read_mail
from tests.factories import CountryFactory, ParticipantFactory, UserFactory
from tests.servers import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def raw(number, **values):
    base = {"full_name": f"Person {number}", "email": f"p{number}@example.org", "country": "TH"}
    return {"number": number, "values": {"sector": "academia", **base, **values}}


def test_an_insert_failing_midway_leaves_nothing_behind(monkeypatch):
    assert connection.vendor == "postgresql"
    CountryFactory(code="TH")
    rows = [raw(2, organisation="New Org Example"), raw(3), raw(4)]
    # A colleague adds row 4's address after our check: PostgreSQL's unique index refuses it.
    import participants.importing as importing

    checked = importing.validate_rows(rows)
    monkeypatch.setattr(importing, "validate_rows", lambda _rows: checked)
    ParticipantFactory(email="p4@example.org")

    with pytest.raises(IntegrityError):
        services.import_participants(rows=rows, by=None)

    assert list(Participant.objects.values_list("email", flat=True)) == ["p4@example.org"]
    assert not Organisation.objects.filter(name="New Org Example").exists()


def test_validation_matches_addresses_without_case_on_postgresql():
    CountryFactory(code="TH")
    ParticipantFactory(email="taken@example.org")
    parsed = validate_rows([raw(2, email="TAKEN@Example.org")])
    assert parsed.rows[0].errors == [
        "A participant with this e-mail address is already in the directory."
    ]


def test_demo_seed_and_directory_on_postgresql(client):
    accounts_demo.seed()
    assert len(demo.seed()) == 157
    assert demo.seed() == []
    staff = UserFactory(email="pg.staff@example.org")
    from accounts.services import set_role

    set_role(user=staff, role="staff")
    client.force_login(staff)
    response = client.get(reverse("participants:staff-directory"), {"q": "srisuk", "country": "TH"})
    assert response.status_code == 200
    assert response.context["counts"].total >= 1
    assert all(p.country.code == "TH" for p in response.context["page"].object_list)


@pytest.fixture
def fresh_broker_pools(celery_worker):
    """Forget kombu's pools closed by earlier tests.

    tests/conftest.py's reset_broker_connections force-closes the pool that kombu keeps in
    its global registry per broker URL; without clearing the registry a later test on the
    same URL gets that closed pool back ("Acquire on closed pool").
    """
    from kombu import pools

    from platform_site.celery import app

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    return celery_worker


def test_create_account_sends_the_invitation_through_the_worker(fresh_broker_pools, worker_var_dir):
    participant = ParticipantFactory(email="wanida.pg@example.org", preferred_language="th")
    services.create_account_for(participant=participant, by=None)

    def sent():
        return any("wanida.pg@example.org" in p.read_text() for p in mail_files(worker_var_dir))

    assert wait_until(sent)
    path = next(p for p in mail_files(worker_var_dir) if "wanida.pg@example.org" in p.read_text())
    message = read_mail(path)[0]
    # The person's preferred language became the account's, so the e-mail is in Thai.
    assert message["Subject"].strip() == "บัญชีของคุณบนแพลตฟอร์มการเรียนรู้ระหว่างเพื่อนในภูมิภาค"
