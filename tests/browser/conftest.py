"""Real-browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test (modules mark themselves `browser`) gets a page that fails the test on any console error or
uncaught page error (a CSP violation shows up as one), and saves screenshots under
tests/screenshots/<test>/. The live server runs in this process, so settings fixtures
and `django.core.mail.outbox` work across it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def browser(monkeypatch):
    """One Chromium per test, so no Playwright event loop outlives the browser tests."""
    # The sync Playwright API runs an event loop in this thread; Django's ORM refuses to
    # run inside one unless told the caller knows what it is doing. Set only while a
    # browser test runs: `check --deploy` in a later test must not inherit it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make system)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            # ORM calls made while Playwright's loop ran used connections of that context;
            # close them here, in it, or they outlive the test and block dropping the
            # test database.
            from django.db import connections

            connections.close_all()
            instance.close()


class Screens:
    """Numbered screenshots of one test: tests/screenshots/<test>/01-<name>.png."""

    def __init__(self, page, folder: Path):
        self.page = page
        self.folder = folder
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()

    def __call__(self, name: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _new_page(browser, request, live_server, viewport, sub: str = ""):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    page.screens = Screens(page, SCREENSHOTS / name / sub if sub else SCREENSHOTS / name)
    return context, page, errors


@pytest.fixture
def page(browser, request, live_server, transactional_db):
    """A desktop-sized page; the test fails on any console or page error."""
    context, page, errors = _new_page(browser, request, live_server, DESKTOP)
    yield page
    try:
        page.screens("last")
    finally:
        context.close()
    assert errors == [], errors


@pytest.fixture
def other_page(browser, request, live_server, transactional_db):
    """Opens more pages (another person's browser) in the same test: `other_page("staff")`.

    Each gets its own context (cookies), screenshots under tests/screenshots/<test>/<name>/
    and the same failure on any console or page error."""
    opened = []

    def open_page(name: str, viewport: dict = DESKTOP):
        context, page, errors = _new_page(browser, request, live_server, viewport, sub=name)
        opened.append((context, page, errors))
        return page

    yield open_page
    try:
        for context, page, _errors in opened:
            try:
                page.screens("last")
            finally:
                context.close()
    finally:
        problems = [e for _context, _page, errors in opened for e in errors]
        assert problems == [], problems


@pytest.fixture
def phone_page(browser, request, live_server, transactional_db):
    """A 360x740 page, as on a phone; the test fails on any console or page error."""
    context, page, errors = _new_page(browser, request, live_server, PHONE)
    yield page
    try:
        page.screens("last")
    finally:
        context.close()
    assert errors == [], errors
