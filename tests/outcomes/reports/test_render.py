"""The report rendered (outcomes/reports/render.py): a Thai font embedded, and counts that
read right: one convening in one host country, and the same sentences in Thai."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation

from convenings.models import InvitationStatus
from outcomes.reports.render import report_html
from outcomes.reports.selectors import report_data
from tests import factories as core
from tests.outcomes import factories
from tests.outcomes.reports.pdf import pdf_fonts, pdf_text, render

pytestmark = pytest.mark.django_db


def one_of_everything():
    country = core.CountryFactory(code="TH")
    convening = core.ConveningFactory(
        host_country=country, start_date=dt.date(2023, 3, 1), end_date=dt.date(2023, 3, 2)
    )
    core.SiteVisitFactory(convening=convening)
    person = core.ParticipantFactory(country=country)
    person.lived_experience = True
    person.joined_on = dt.date(2022, 1, 1)
    person.save()
    core.InvitationFactory(
        convening=convening, participant=person, status=InvitationStatus.ATTENDED
    )
    factories.OutcomeFactory(country=country)


def html(language: str) -> str:
    with translation.override(language):
        data = report_data(kind="annual", start_year=2023, end_year=2023)
        return " ".join(report_html(data, language=language).split())


def test_counts_of_one_are_singular(settings):
    # A group of one is normally left out (small numbers identify people: see
    # tests/security/identity/); here every count of one must show.
    settings.SMALL_NUMBER_THRESHOLD = 1
    one_of_everything()
    page = html("en")
    for sentence in (
        "In 2023, 1 person from 1 country took part in the platform's convenings.",
        "1 convening was held in 1 host country, with 1 site visit to alternatives-to-detention programmes.",
        "At the end of the period the network counted 1 person.",
        "1 participant from 1 country took part.",
        "1 of 1 convening was held under the Chatham House Rule.",
        "1 site visit; 1 participant with lived experience of detention.",
        "1 participant has lived experience of detention.",
        "1 outcome was recorded in this period",
    ):
        assert sentence in page, sentence
    assert "host countries" not in page
    assert '<span class="value">1</span><span class="label">participant engaged</span>' in page
    assert '<span class="label">outcome recorded</span>' in page


def test_counts_of_several_are_plural():
    factories.build_network()
    page = html("en")
    assert "15 people from 5 countries took part" in page
    assert "1 convening was held in 1 host country, with 1 site visit" in page
    assert "participants engaged</span>" in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("th", "มีการจัดประชุม 1 ครั้งใน 1 ประเทศเจ้าภาพ"),
        ("id", "1 pertemuan diadakan di 1 negara tuan rumah"),
        ("ms", "1 pertemuan diadakan di 1 negara tuan rumah"),
    ],
)
def test_count_sentences_are_translated_with_their_one_plural_form(language, expected):
    one_of_everything()
    page = html(language)
    assert expected in page
    assert "host country" not in page


@pytest.mark.parametrize("language", ["id", "ms", "th"])
def test_every_counted_message_has_a_translation(language):
    """Messages from views and imports that count something, in each language."""
    messages = [
        (
            "Briefing pack sent to %(count)s participant.",
            "Briefing pack sent to %(count)s participants.",
        ),
        ("Sent to %(count)s more participant.", "Sent to %(count)s more participants."),
        ("%(count)s failed delivery queued again.", "%(count)s failed deliveries queued again."),
        (
            "The file has more than %(count)s row; split it into smaller files.",
            "The file has more than %(count)s rows; split it into smaller files.",
        ),
        ("overdue action", "overdue actions"),
        ("active participant", "active participants"),
    ]
    with translation.override(language):
        for singular, plural in messages:
            for n in (1, 2):
                assert translation.ngettext(singular, plural, n) not in (singular, plural)


def test_thai_report_embeds_a_thai_font_and_extracts_thai():
    factories.build_network()
    content = render(language="th")
    fonts = pdf_fonts(content)
    assert any(re.search("Loma|Garuda|Waree", name) for name in fonts), fonts
    text = pdf_text(content)
    assert re.search("[\u0e00-\u0e7f]{4,}", text)
    assert "สรุปรายงาน" in text or "รายงาน" in text
