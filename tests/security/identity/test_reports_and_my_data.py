"""Reports scrub partial names and the organisation beside them; "my data" names nobody
else, in JSON and on the readable page.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import translation

from outcomes.reports.render import render_report
from participants.models import Participant, Sector
from tests import factories
from tests.outcomes.factories import OutcomeFactory
from tests.outcomes.reports.pdf import report_text
from tests.security.identity.people import signed_in

pytestmark = pytest.mark.django_db


def test_reports_scrub_partial_names_and_the_organisation_beside_them(w):
    quiet = factories.ParticipantFactory(
        full_name="Nirun Quietconsent",
        country=w["my"],
        sector=Sector.CIVIL_SOCIETY,
        consent_named_in_reports=False,
        organisation=factories.OrganisationFactory(name="Quietwater Bureau", country=w["my"]),
    )
    outcome = OutcomeFactory(
        country=w["th"],
        date=dt.date(2023, 5, 1),
        title="Screening at the border",
        what_changed="Mr Quietconsent of Quietwater Bureau drafted the guide.",
        who_changed="Nirun Q. helped; so did H. Concealed.",
        significance="Nirun Quietconsent of Quietwater Bureau spoke.",
    )
    outcome.champions.set([quiet])
    for fmt in ("csv", "xlsx", "pdf"):
        content = render_report(
            kind="annual", start_year=2023, end_year=2023, language="en", fmt=fmt
        )
        text = report_text(content, fmt)
        assert "Screening at the border" in text
        for word in ("Quietconsent", "Quietwater", "Nirun Q", "Concealed", "H. C"):
            assert word not in text, (fmt, word)
        assert "a civil society leader from Malaysia" in text


def test_my_data_scrubs_everyone_else_in_json_and_html(w):
    champion = w["somchai"]
    outcome = OutcomeFactory(
        country=w["th"],
        what_changed="Somchai Jaidee, Budi Santoso and Mr Concealed drafted the guide.",
    )
    outcome.champions.set([champion])
    client = signed_in(champion.user)
    exported = client.get(reverse("accounts:portal-my-data"))
    data = json.loads(
        b"".join(exported.streaming_content) if exported.streaming else exported.content
    )
    text = json.dumps(data["records"], ensure_ascii=False)
    assert "drafted the guide" in text
    assert "Somchai Jaidee" in text  # their own name stays
    page = client.get(reverse("accounts:portal-my-data-page"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "drafted the guide" in html
    for shown in (text, html):
        assert "Budi" not in shown
        assert "Concealed" not in shown


def test_the_readable_my_data_page_labels_fields_in_the_readers_language(w):
    """The page beside the JSON is for people, not programs: field labels, not column keys."""
    from accounts import services as accounts

    champion = w["somchai"]
    OutcomeFactory(country=w["th"], what_changed="A guide was drafted.").champions.set([champion])
    accounts.set_language(user=champion.user, language="th")
    with translation.override("en"):  # the page switches this thread's language to Thai
        html = (
            signed_in(champion.user).get(reverse("accounts:portal-my-data-page")).content.decode()
        )
    assert "<dt>full_name</dt>" not in html
    assert '<th scope="col">what_changed_en</th>' not in html
    with translation.override("th"):
        label = str(Participant._meta.get_field("full_name").verbose_name)
    assert f"<dt>{label[0].upper()}{label[1:]}</dt>" in html
