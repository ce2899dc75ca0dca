"""Who a report names (outcomes/reports/naming.py): only consenting, named champions, in every format."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from participants.models import Sector, Visibility
from tests.outcomes import factories
from tests.outcomes.reports.pdf import pdf_text, render

pytestmark = pytest.mark.django_db


@pytest.fixture
def champions():
    country = factories.core.CountryFactory(code="MY")
    gov = factories.core.OrganisationFactory(country=country, sector=Sector.GOVERNMENT)
    people = {
        "consenting": factories.core.ParticipantFactory(
            full_name="Farida Consenting",
            country=country,
            organisation=gov,
            consent_named_in_reports=True,
        ),
        "declining": factories.core.ParticipantFactory(
            full_name="Harun Declining",
            country=country,
            organisation=gov,
            consent_named_in_reports=False,
        ),
        "pseudonymous": factories.core.ParticipantFactory(
            full_name="Zainab Pseudonym",
            display_name="Peer Seven",
            country=country,
            organisation=gov,
            visibility=Visibility.PSEUDONYMOUS,
            consent_named_in_reports=True,
        ),
        "hidden": factories.core.ParticipantFactory(
            full_name="Yusuf Hidden",
            display_name="Peer Nine",
            country=country,
            organisation=gov,
            visibility=Visibility.HIDDEN,
            consent_named_in_reports=True,
        ),
    }
    outcome = factories.OutcomeFactory(
        country=country,
        # A name typed into free text is scrubbed too.
        who_changed="Harun Declining and Yusuf Hidden in the home ministry.",
    )
    outcome.champions.set(people.values())
    return people


@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_only_consenting_named_champions_are_named(champions, fmt):
    content = render(fmt=fmt)
    if fmt == "pdf":
        text = pdf_text(content)
    elif fmt == "csv":
        text = content.decode("utf-8-sig")
    else:
        book = load_workbook(io.BytesIO(content))
        text = " ".join(
            str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
        )
    assert "Farida Consenting" in text
    for key in ("declining", "pseudonymous", "hidden"):
        person = champions[key]
        assert person.full_name not in text
        assert person.full_name.split()[0] not in text
    assert "Peer Seven" not in text
    assert "Peer Nine" not in text
    assert "a government official from Malaysia" in text


def test_anonymous_description_is_in_the_report_language(champions):
    text = pdf_text(render(language="th"))
    assert "Harun" not in text
    assert "Farida Consenting" in text
