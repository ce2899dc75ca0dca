"""The accessibility test drives the same Chromium as the browser journeys."""

from tests.browser.conftest import browser  # noqa: F401  (a fixture, used by name)
