"""The benchmark's arithmetic and table: percentiles, ratios to the limit, n/a rows."""

import argparse
import io
import sys

import pytest

from bench.run import PageFigures, ScaleFigures, _percentile, print_report


def test_percentiles_pick_the_right_sample():
    values = [float(v) for v in range(1, 101)]
    assert _percentile(values, 0.50) == 51.0
    assert _percentile(values, 0.95) == 95.0
    assert _percentile([7.0], 0.95) == 7.0


def _args():
    return argparse.Namespace(requests=10, concurrency=2, workers=2, tasks=5, worker_concurrency=2)


def test_report_compares_pages_with_the_constant_view_and_marks_missing_pages(monkeypatch):
    constant = PageFigures("constant view (limit)", "/bench/constant/", 200, 0, 500.0, 2.0, 4.0)
    fast = PageFigures("participant home", "/portal/", 200, 6, 200.0, 5.0, 10.0)
    slow = PageFigures("participant directory", "/staff/participants/", 200, 9, 50.0, 20.0, 40.0)
    missing = PageFigures("Briefings", None, None)
    one = ScaleFigures(scale=1, pages=[constant, fast, slow, missing])
    ten_slow = PageFigures("participant directory", "/staff/participants/", 200, 12, 40, 25, 50)
    ten = ScaleFigures(scale=10, pages=[constant, fast, ten_slow, missing])
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    print_report([one, ten], pdf_limit=(0.1, 50.0), pack_rate=20.0, noop_rate=100.0, args=_args())
    text = out.getvalue()
    home = next(
        line for line in text.splitlines() if line.startswith("participant home") and " 1x" in line
    )
    assert "2.50" in home
    assert home.split()[-2] == "ok"
    directory = next(
        line
        for line in text.splitlines()
        if line.startswith("participant directory") and " 1x" in line
    )
    assert "10.00" in directory
    assert "OVER" in directory
    assert any(line.startswith("Briefings") and "n/a" in line for line in text.splitlines())
    assert "9 / 12" in text
    assert "DIFFERENT" in text
    assert "0.20 of the limit) UNDER" in text


@pytest.mark.parametrize(("pack", "verdict"), [(40.0, "ok"), (None, "")])
def test_pack_rate_is_judged_against_a_third_of_the_noop_rate(monkeypatch, pack, verdict):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    print_report([], pdf_limit=None, pack_rate=pack, noop_rate=100.0, args=_args())
    line = next(line for line in out.getvalue().splitlines() if line.strip().startswith("pack"))
    assert line.rstrip().endswith(verdict) if verdict else "n/a" in line
