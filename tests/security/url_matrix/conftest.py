"""The world of tests.security.world, with briefing PDFs as fixed bytes."""

from __future__ import annotations

import pytest

from tests.security.world import build_world


@pytest.fixture
def world(fast_pdf):
    return build_world()


@pytest.fixture
def fast_pdf(monkeypatch):
    """Briefing PDFs as fixed bytes: this file is about who gets an answer, not its layout."""
    from briefings import pdf

    monkeypatch.setattr(pdf, "render_pdf", lambda *, briefing, language: b"%PDF-1.7 test")
