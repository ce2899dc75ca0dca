"""The PDF's URL fetcher (outcomes/reports/fetcher.py): the app's static files only."""

from __future__ import annotations

import pytest

from outcomes.reports.fetcher import AssetRefusedError, StaticOnlyFetcher, base_url

pytestmark = pytest.mark.django_db


def test_url_fetcher_refuses_anything_but_the_apps_static_files():
    fetcher = StaticOnlyFetcher()
    for url in (
        "https://example.org/logo.png",
        "http://127.0.0.1:8000/admin/",
        "file:///etc/passwd",
        base_url() + "../../../platform_site/settings.py",
        "data:text/plain,hello",
    ):
        with pytest.raises(AssetRefusedError):
            fetcher.fetch(url)
    response = fetcher.fetch(base_url() + "report.css")
    assert b"@page" in response.read()


def test_pdf_with_external_image_renders_without_fetching(monkeypatch):
    from outcomes.reports import render as render_module

    calls = []
    original = StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        calls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", spy)
    pdf = render_module.html_to_pdf('<img src="https://example.org/x.png"><p>Hello</p>')
    assert pdf.startswith(b"%PDF")
    assert calls == ["https://example.org/x.png"]
