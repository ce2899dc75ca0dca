"""Every figure counts only its own period, in the PDF, the CSV and the XLSX alike.

Activity is built inside 2023 and around it (2022, 2024, today, a cancelled convening,
a download just after midnight on New Year's Day in the platform's zone); each format of
the 2023 report must print exactly the 2023 figures, and activity added today must leave
the 2023 files byte for byte as they were.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zoneinfo

import pytest
from openpyxl import load_workbook

from briefings.models import BriefingDownload
from convenings.models import ConveningStatus, InvitationStatus
from engagement.models import FeedbackResponse
from outcomes.reports.figures import ENGAGEMENT_FIGURES, KEY_FIGURES
from outcomes.reports.render import render_report
from outcomes.reports.selectors import report_data
from participants.models import Country
from tests import factories as core
from tests.briefings.factories import BriefingFactory
from tests.engagement.factories import FollowUpActionFactory
from tests.outcomes import factories
from tests.outcomes.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def _convening(year: int, *, status=ConveningStatus.HELD, people=(), place_status=None):
    convening = core.ConveningFactory(
        start_date=dt.date(year, 6, 1), end_date=dt.date(year, 6, 2), status=status
    )
    for person in people:
        core.InvitationFactory(
            convening=convening,
            participant=person,
            status=place_status or InvitationStatus.ATTENDED,
        )
    core.SiteVisitFactory(convening=convening)
    FollowUpActionFactory(convening=convening)
    FeedbackResponse.objects.create(convening=convening, submitted_on=dt.date(year, 6, 3))
    return convening


def _download(briefing, when: dt.datetime) -> None:
    row = BriefingDownload.objects.create(briefing=briefing, language="en", format="pdf")
    BriefingDownload.objects.filter(pk=row.pk).update(at=when)


def _person(joined: dt.date | None, country=None):
    person = core.ParticipantFactory(**({"country": country} if country else {}))
    person.joined_on = joined
    person.save(update_fields=["joined_on"])
    return person


@pytest.fixture
def history():
    """2023 activity, and activity in the years around it that must not count."""
    thailand = core.CountryFactory(code="TH")
    malaysia = core.CountryFactory(code="MY")
    a = _person(dt.date(2022, 5, 1), thailand)
    b = _person(dt.date(2022, 5, 1), malaysia)
    c = _person(dt.date(2023, 2, 1), thailand)  # invited in 2023, declined
    d = _person(dt.date(2024, 2, 1), thailand)  # joined after 2023
    e = _person(dt.date(2023, 8, 1), malaysia)  # only at a cancelled convening
    held = _convening(2023, people=[a])
    core.InvitationFactory(convening=held, participant=b, status=InvitationStatus.ACCEPTED)
    core.InvitationFactory(convening=held, participant=c, status=InvitationStatus.DECLINED)
    # An action typed in today for the 2023 convening still belongs to 2023.
    FollowUpActionFactory(convening=held)
    _convening(2024, people=[a, d])
    _convening(2022, people=[b])
    _convening(2023, status=ConveningStatus.CANCELLED, people=[e], place_status="accepted")
    # Substantiated by its substantiators' answers; the old staff menu counts for nothing.
    factories.substantiated(factories.OutcomeFactory(date=dt.date(2023, 3, 1)), "fully")
    factories.OutcomeFactory(date=dt.date(2023, 12, 31), verification="substantiated")
    factories.substantiated(factories.OutcomeFactory(date=dt.date(2024, 1, 1)), "fully")
    factories.OutcomeFactory(date=dt.date(2022, 12, 31))
    briefing = BriefingFactory(convening=held)
    _download(briefing, dt.datetime(2023, 1, 1, 0, 30, tzinfo=BANGKOK))
    _download(briefing, dt.datetime(2023, 12, 31, 23, 30, tzinfo=BANGKOK))
    _download(briefing, dt.datetime(2022, 12, 31, 23, 30, tzinfo=BANGKOK))
    _download(briefing, dt.datetime(2024, 1, 1, 0, 30, tzinfo=BANGKOK))  # 2023 in UTC
    _download(briefing, dt.datetime.now(tz=BANGKOK))
    return {"held": held}


def expected_2023() -> dict[str, int]:
    return {
        "participants": 2,  # a attended, b accepted; c declined, e's convening was cancelled
        "network": 4,  # a, b, c, e joined by the end of 2023; d and people added today not
        "countries": 2,
        "member_countries": Country.objects.filter(is_member=True).count(),
        "convenings": 1,
        "site_visits": 1,
        "places": 2,
        "outcomes": 2,
        "substantiated": 1,
        "downloads": 2,
        "actions": 2,
        "feedback": 1,
    }


def figures_in_csv(content: bytes, labels: dict[str, str]) -> dict[str, int]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    found = {}
    for row in rows:
        if len(row) == 2 and row[0] in labels.values():
            found[row[0]] = int(row[1])
    return {key: found[label] for key, label in labels.items()}


def figures_in_xlsx(content: bytes, labels: dict[str, str]) -> dict[str, int]:
    book = load_workbook(io.BytesIO(content))
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            if len(row) >= 2 and row[0] in labels.values() and isinstance(row[1], int):
                found[row[0]] = row[1]
    return {key: found[label] for key, label in labels.items()}


def render(fmt: str, start=2023, end=2023, kind="annual", language="en") -> bytes:
    return render_report(kind=kind, start_year=start, end_year=end, language=language, fmt=fmt)


def test_each_figure_counts_only_its_period_in_every_format(history):
    data = report_data(kind="annual", start_year=2023, end_year=2023)
    figures = {f.key: f for f in data.definitions}
    assert set(figures) == {*KEY_FIGURES, *ENGAGEMENT_FIGURES}
    labels = {key: f.label for key, f in figures.items()}
    expected = expected_2023()
    assert {key: f.value for key, f in figures.items()} == expected

    assert figures_in_csv(render("csv"), labels) == expected
    assert figures_in_xlsx(render("xlsx"), labels) == expected
    text = pdf_text(render("pdf"))
    for key, value in expected.items():
        # Key figures print the value above the label, the engagement table after it.
        label = re.escape(labels[key])
        pattern = rf"(?<![\d,]){value}\s*{label}|{label}\s*{value}(?![\d,])"
        assert re.search(pattern, text), key
    # Every definition is on the methodology page.
    for figure in figures.values():
        assert " ".join(figure.definition.split()) in text


def test_todays_activity_leaves_a_past_report_byte_identical(history):
    before = {fmt: render(fmt) for fmt in ("pdf", "csv", "xlsx")}
    # Today: a convening with people who joined today, its site visit, action and
    # feedback, an outcome, a lesson, downloads, a new person with no joining date, and
    # an action added to the 2023 convening's neighbour in 2024.
    today = dt.date.today()
    newcomer = _person(today)
    _person(None)
    _convening(today.year, people=[newcomer])
    factories.substantiated(factories.OutcomeFactory(date=today), "fully")
    factories.ChallengeLessonFactory(year=today.year)
    _download(BriefingFactory(), dt.datetime.now(tz=BANGKOK))
    after = {fmt: render(fmt) for fmt in ("pdf", "csv", "xlsx")}
    for fmt in before:
        assert after[fmt] == before[fmt], fmt
    # The files do follow the period's own data.
    FollowUpActionFactory(convening=history["held"])
    assert render("csv") != before["csv"]


def test_xlsx_carries_the_same_charts_as_the_pdf(history):
    from outcomes.reports.charts import report_charts

    data = report_data(kind="five_year", start_year=2019, end_year=2024)
    specs = report_charts(data)
    book = load_workbook(
        io.BytesIO(render("xlsx", kind="five_year", start=2019, end=2024)), rich_text=False
    )
    sheet = book["Charts"]
    # Each chart's title and figures sit beside it, in the PDF's order.
    titles = [row[0] for row in sheet.iter_rows(values_only=True) if row[0] and row[1] is None]
    assert titles == [spec.title for spec in specs]
    assert {"Convenings by year", "Participants by sector", "Outcomes by kind"} <= set(titles)
    # openpyxl reads charts back as drawings: one per spec.
    import zipfile

    with zipfile.ZipFile(io.BytesIO(render("xlsx", kind="five_year", start=2019, end=2024))) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = [z.read(n).decode() for n in charts]
    assert len(charts) == len(specs)
    # Both axes are shown (Excel hides an axis whose <c:delete> is missing): the bars
    # carry the names of what they count, and the scale.
    for chart in xml:
        assert re.search(r"<catAx>.*?<delete val=\"0\"\s*/>.*?</catAx>", chart)
        assert re.search(r"<valAx>.*?<delete val=\"0\"\s*/>.*?</valAx>", chart)


def test_the_network_holds_everyone_who_took_part_whatever_their_joining_date():
    """A joining date recorded after someone's first convening must not leave them out of
    the network: the network is never smaller than the people who took part."""
    late = _person(dt.date(2024, 6, 1))  # recorded as joining after the 2023 convening
    on_time = _person(dt.date(2023, 1, 1))
    _convening(2023, people=[late, on_time])
    _person(dt.date(2024, 6, 1))  # joined later and never took part: not yet in 2023
    figures = {
        f.key: f.value
        for f in report_data(kind="annual", start_year=2023, end_year=2023).definitions
    }
    assert figures["participants"] == 2
    assert figures["network"] == 2
