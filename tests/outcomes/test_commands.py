"""`manage.py export_report`: each format, a year for annual reports, the time limit."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.outcomes import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_export_report_command_writes_each_format(tmp_path, fmt):
    factories.build_network()
    out = tmp_path / f"report.{fmt}"
    call_command(
        "export_report",
        "--kind",
        "five-year",
        "--from",
        "2019",
        "--to",
        "2024",
        "--lang",
        "ms",
        "--format",
        fmt,
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    data = out.read_bytes()
    magic = {"pdf": b"%PDF", "xlsx": b"PK"}.get(fmt)
    assert data.startswith(magic) if magic else b"," in data


def test_export_report_annual_needs_a_year(tmp_path):
    with pytest.raises(CommandError):
        call_command("export_report", "--kind", "annual", "--output", str(tmp_path / "x.pdf"))


def test_command_time_limit_is_enforced(tmp_path, settings, monkeypatch):
    import time

    from outcomes.reports import render as render_module

    settings.REPORT_RENDER_TIME_LIMIT = 1
    monkeypatch.setattr(render_module, "report_data", lambda **kw: time.sleep(3))
    with pytest.raises(CommandError, match="longer than"):
        call_command(
            "export_report",
            "--kind",
            "annual",
            "--year",
            "2023",
            "--format",
            "csv",
            "--output",
            str(tmp_path / "x.csv"),
        )
