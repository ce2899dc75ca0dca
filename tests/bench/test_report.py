"""The benchmark's arithmetic and table: percentiles, ratios to the limit, verdicts, n/a rows."""

import argparse
import io
import sys

import pytest

from bench.figures import DeliveryFigures, PageFigures, ScaleFigures, percentile
from bench.report import print_report
from bench.rsvp import RsvpFigures


def test_percentiles_pick_the_right_sample():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.50) == 51.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([7.0], 0.95) == 7.0


def _args():
    return argparse.Namespace(requests=10, concurrency=2, workers=2, worker_concurrency=2)


def _report(monkeypatch, scales, *, pdf_limit=None, delivery=None, rsvp=None) -> list[list[str]]:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    text = print_report(
        scales,
        pdf_limit=pdf_limit,
        delivery=delivery or DeliveryFigures(),
        args=_args(),
        rsvp=rsvp,
    )
    assert out.getvalue() == text
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("| ") and not line.startswith("| measure")
    ]


def _row(rows, measure, scale):
    return next(r for r in rows if r[0] == measure and r[1] == scale)


def test_pages_are_judged_against_the_constant_view_and_missing_pages_are_na(monkeypatch):
    constant = PageFigures("constant view (limit)", "/bench/constant/", 200, 0, 500.0, 2.0, 4.0)
    fast = PageFigures("participant home", "/portal/", 200, 6, 200.0, 5.0, 10.0)
    slow = PageFigures("participant directory", "/staff/participants/", 200, 9, 50.0, 20.0, 40.0)
    missing = PageFigures("Briefings", None, None)
    one = ScaleFigures(scale=1, pages=[constant, fast, slow, missing])
    ten_fast = PageFigures("participant home", "/portal/", 200, 6, 150.0, 6.0, 16.0)
    ten_slow = PageFigures("participant directory", "/staff/participants/", 200, 12, 40, 25, 50)
    ten = ScaleFigures(scale=10, pages=[constant, ten_fast, ten_slow, missing])
    rows = _report(monkeypatch, [one, ten])

    home = _row(rows, "participant home: p95", "1x")
    assert home[2] == "10.0 ms (p50 5.0, 200 req/s)"
    assert home[3] == "4.0 ms (constant view p95; p50 2.0)"
    assert home[4:] == ["2.50x", "p95 <= 5x", "yes"]
    assert _row(rows, "participant directory: p95", "1x")[4:] == ["10.00x", "p95 <= 5x", "NO"]
    assert _row(rows, "participant home: p95", "10x")[4:] == ["4.00x", "p95 <= 5x", "yes"]
    # 50 ms is 12.5x the constant view: the same 5x target holds at 10x.
    assert _row(rows, "participant directory: p95", "10x")[4:] == ["12.50x", "p95 <= 5x", "NO"]
    # The constant view is the limit, not a row of its own.
    assert not [r for r in rows if r[0].startswith("constant view")]
    assert _row(rows, "Briefings: p95", "1x")[2:] == ["n/a", "", "", "", "n/a"]
    assert _row(rows, "participant home: queries", "1x / 10x")[2] == "6 / 6"
    assert _row(rows, "participant home: queries", "1x / 10x")[-1] == "yes"
    directory = _row(rows, "participant directory: queries", "1x / 10x")
    assert directory[2] == "9 / 12"
    assert directory[-1] == "NO"


def test_a_page_with_errors_misses_its_target_however_fast(monkeypatch):
    constant = PageFigures("constant view (limit)", "/bench/constant/", 200, 0, 500.0, 2.0, 4.0)
    failing = PageFigures("participant home", "/portal/", 200, 6, 900.0, 1.0, 2.0, errors=3)
    rows = _report(monkeypatch, [ScaleFigures(scale=1, pages=[constant, failing])])
    home = _row(rows, "participant home: p95", "1x")
    assert "3 non-200" in home[2]
    assert home[-1] == "NO"


def test_queries_are_not_judged_from_one_scale(monkeypatch):
    constant = PageFigures("constant view (limit)", "/bench/constant/", 200, 0, 500.0, 2.0, 4.0)
    home = PageFigures("participant home", "/portal/", 200, 6, 200.0, 5.0, 10.0)
    rows = _report(monkeypatch, [ScaleFigures(scale=1, pages=[constant, home])])
    assert _row(rows, "participant home: queries", "1x")[-1] == "n/a"


def test_five_year_pdf_under_5_s_and_under_twice_that_at_10x(monkeypatch):
    one = ScaleFigures(scale=1, pdf_seconds=2.0, pdf_peak_mb=150.0)
    ten = ScaleFigures(scale=10, pdf_seconds=4.5, pdf_peak_mb=160.0)
    rows = _report(monkeypatch, [one, ten], pdf_limit=(0.1, 50.0))
    assert _row(rows, "five-year summary PDF: render time", "1x")[-1] == "yes"
    # 4.5 s is under 5 s but more than twice the 1x time: it grew with the data.
    ten_row = _row(rows, "five-year summary PDF: render time", "10x")
    assert ten_row[-1] == "NO"
    assert "4.00 s" in ten_row[5]
    assert _row(rows, "five-year summary PDF: peak memory", "10x")[2:5] == [
        "160 MB",
        "50 MB (one-page WeasyPrint document)",
        "3.2x",
    ]


@pytest.mark.parametrize(
    ("pack", "noop", "verdict"),
    [(40.0, 100.0, "yes"), (33.0, 100.0, "NO"), (None, 100.0, "n/a"), (40.0, None, "n/a")],
)
def test_pack_rate_is_judged_against_a_third_of_the_noop_rate(monkeypatch, pack, noop, verdict):
    delivery = DeliveryFigures(count=150, pack_rate=pack, noop_rate=noop)
    rows = _report(monkeypatch, [ScaleFigures(scale=1)], delivery=delivery)
    assert _row(rows, "briefing pack to 150 participants", "1x")[-1] == verdict


@pytest.mark.parametrize(
    ("one", "ten", "verdict"),
    [(4.0, 7.9, "yes"), (2.0, 4.5, "NO"), (6.0, 10.5, "NO"), (4.9, 9.9, "NO")],
)
def test_five_year_pdf_at_10x_under_10_s_and_twice_the_1x_time(monkeypatch, one, ten, verdict):
    scales = [ScaleFigures(scale=1, pdf_seconds=one), ScaleFigures(scale=10, pdf_seconds=ten)]
    rows = _report(monkeypatch, scales, pdf_limit=(0.1, 50.0))
    assert _row(rows, "five-year summary PDF: render time", "10x")[-1] == verdict


def test_rsvp_day_pages_are_judged_against_the_constant_view_under_the_same_load(monkeypatch):
    rsvp = RsvpFigures(
        participants=150,
        staff=5,
        in_flight=10,
        seconds=42.0,
        replies_saved=150,
        latencies_ms={
            "constant view (limit)": [float(v) for v in range(1, 21)],  # p50 11, p95 19
            "convening page": [50.0] * 300,
            "reply page": [96.0] * 150,
            "reply (POST)": [95.0] * 149 + [500.0],
            "replies list": [120.0] * 40,
            "participant directory": [60.0] * 40,
        },
        errors={"replies list": 2},
    )
    rows = _report(monkeypatch, [ScaleFigures(scale=1)], rsvp=rsvp)
    page = _row(rows, "RSVP day: convening page p95", "RSVP day")
    assert page[2] == "50.0 ms (p50 50.0, 300 requests)"
    assert page[3] == "19.0 ms (constant view p95; p50 11.0)"
    assert page[4:] == ["2.63x", "p95 <= 5x", "yes"]
    # 96 ms is just over 5 x 19 ms.
    assert _row(rows, "RSVP day: reply page p95", "RSVP day")[4:] == ["5.05x", "p95 <= 5x", "NO"]
    # One slow POST in 150 is above the 95th percentile.
    assert _row(rows, "RSVP day: reply (POST) p95", "RSVP day")[-1] == "yes"
    # Errors fail a page however fast it was.
    replies = _row(rows, "RSVP day: replies list p95", "RSVP day")
    assert "2 non-200" in replies[2]
    assert replies[-1] == "NO"
    saved = _row(rows, "RSVP day: replies saved", "RSVP day")
    assert saved[2] == "150 of 150 in 42 s"
    assert saved[-1] == "yes"


def test_rsvp_day_that_lost_replies_or_ran_out_of_time_misses(monkeypatch):
    rsvp = RsvpFigures(participants=150, replies_saved=149, seconds=300.0, timed_out=True)
    rows = _report(monkeypatch, [ScaleFigures(scale=1)], rsvp=rsvp)
    assert _row(rows, "RSVP day: replies saved", "RSVP day")[-1] == "NO"
    assert _row(rows, "RSVP day: reply page p95", "RSVP day")[2] == "n/a ms (p50 n/a, 0 requests)"


def test_rsvp_day_not_measured_is_na(monkeypatch):
    rows = _report(monkeypatch, [ScaleFigures(scale=1)])
    assert _row(rows, "RSVP day: replies list p95", "RSVP day")[2:] == ["n/a", "", "", "", "n/a"]
