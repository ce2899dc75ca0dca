"""The browser fixture must fail a test on a console error, or every journey passes vacuously."""

import pytest

pytestmark = pytest.mark.browser


def test_a_csp_violation_is_seen_as_a_console_error(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/accounts/login/")
    # An inline script, as a careless template would add: the page's CSP blocks it.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    assert any("Content Security Policy" in e for e in errors), errors
    context.close()
