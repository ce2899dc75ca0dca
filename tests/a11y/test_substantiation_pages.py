"""The substantiator's pages (opened from an e-mail, so the crawl of test_pages.py never
reaches them), in every language, read by axe-core at both widths and the Nu checker:
the question page, the same page with its errors, a used or expired link's page, a
tampered link's page and the thanks page."""

from __future__ import annotations

import pytest
from django.conf import settings

from outcomes import substantiation
from tests.a11y.checkers import NuBatch, add_axe, missing_tools
from tests.a11y.test_pages import _axe_problems, _watched_page, check_pages
from tests.browser.conftest import DESKTOP
from tests.outcomes import factories

pytestmark = pytest.mark.browser

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.timeout(600)
def test_the_substantiators_pages_pass_axe_and_nu(browser, live_server, transactional_db, tmp_path):
    missing = missing_tools()
    if missing:
        pytest.fail(f"missing checkers {missing}: run `make setup` (npm ci in tests/a11y/node)")
    open_one = factories.SubstantiatorFactory()
    used = factories.SubstantiatorFactory()
    substantiation.record_answer(
        substantiator_id=used.pk, answer={"agreement": "fully", "knows_contribution": True}
    )
    base = "/substantiate/{}/"
    pages = [
        (base.format(substantiation.make_link_token(open_one)), 200),
        (base.format(substantiation.make_link_token(used)), 410),
        (base.format("tampered"), 404),
    ]
    nu = NuBatch(tmp_path)
    problems = []
    for language in LANGUAGES:
        context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        add_axe(context)
        try:
            page, console = _watched_page(context)
            problems += check_pages(
                page,
                console,
                role="substantiator",
                pages=pages,
                partials={},
                language=language,
                nu=nu,
                forms=True,
            )
            # The thanks page: a fresh person answers.
            person = factories.SubstantiatorFactory()
            page.goto(base.format(substantiation.make_link_token(person)))
            page.locator("input[name=agreement]").first.check()
            page.locator("input[name=knows_contribution]").first.check()
            with page.expect_response(lambda r: r.request.method == "POST") as answer:
                page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
            origin = {"role": "substantiator", "path": "thanks", "language": language}
            nu.add(answer.value.text(), **origin)
            problems += _axe_problems(page, **origin)
        finally:
            context.close()
    problems += nu.problems()
    report = "\n".join(sorted({str(p) for p in problems}))
    assert not problems, report
