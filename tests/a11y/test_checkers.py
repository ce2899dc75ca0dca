"""The checkers catch what they are there to catch, so a clean page report means something."""

from __future__ import annotations

import pytest

from tests.a11y.checkers import NuBatch, add_axe, axe_violations, links_in, missing_tools

BAD_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>
<body><main>
<input type="text" name="q" type="search" aria-label="Search">
<p><time datetime="2026-11-30T14:19:48.664398+07:00">today</time></p>
<div class="wrap"><table><tr><td>{cells}</td></tr></table></div>
</main></body></html>"""


def test_links_are_those_a_person_can_follow():
    html = (
        '<a href="/staff/">s</a><a href="report.pdf" download>d</a>'
        '<a href="https://elsewhere.example/">x</a><a href="#top">t</a>'
        '<form data-hx-get="/staff/balance/"></form>'
    )
    links, partials = links_in(html, base="http://testserver/staff/convenings/")
    assert links == ["/staff/", "/staff/convenings/"]
    assert partials == ["/staff/balance/"]


@pytest.mark.browser
def test_nu_reports_the_errors_with_where_they_came_from(tmp_path):
    assert missing_tools() == [], "run `make setup`"
    nu = NuBatch(tmp_path)
    nu.add(BAD_PAGE.format(cells=""), role="staff", path="/bad/", language="th")
    nu.add_fragment("<td>ok</td>", role="staff", path="/partial/", language="en")
    problems = nu.problems()
    rules = " | ".join(p.rule for p in problems)
    assert "Duplicate attribute" in rules
    assert "fraction of a second" in rules
    assert {(p.path, p.language) for p in problems} == {("/bad/", "th")}


@pytest.mark.browser
def test_axe_finds_a_table_a_keyboard_cannot_scroll_on_a_phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    add_axe(context)
    page = context.new_page()
    # A CSS rule makes the wrap scroll sideways, as div.table-wrap does.
    page.set_content(
        BAD_PAGE.format(cells="x " * 400).replace(
            "</head>",
            "<style>.wrap{overflow-x:auto}td{white-space:nowrap}</style></head>",
        )
    )
    found = {v["id"]: v["targets"] for v in axe_violations(page)}
    context.close()
    assert found.get("scrollable-region-focusable") == ["div"]
