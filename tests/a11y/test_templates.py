"""Template rules the page checkers only see where today's data happens to trigger them."""

from __future__ import annotations

import re

from tests.security.test_csp_and_templates import template_files

TABLE_WRAP = re.compile(r"<div\b[^>]*\bclass=\"table-wrap\b[^\"]*\"[^>]*>")


def test_every_sideways_scrolling_table_can_be_reached_and_is_named():
    # A table wider than a phone scrolls inside div.table-wrap; a keyboard can only scroll
    # it if the region takes focus, and a screen reader announces it by role and name. axe
    # flags it only on pages whose table overflows today, so the rule is held here for all.
    wraps = [(p, m.group(0)) for p in template_files() for m in TABLE_WRAP.finditer(p.read_text())]
    assert len(wraps) >= 20
    wrong = [
        f"{path.name}: {tag}"
        for path, tag in wraps
        if not (
            'role="region"' in tag
            and 'tabindex="0"' in tag
            and re.search(r"\baria-label(ledby)?=\"[^\"]+\"", tag)
        )
    ]
    assert wrong == []


def test_no_time_element_carries_microseconds():
    # Django's `date:"c"` and `isoformat` write six fractional digits, which HTML's
    # <time datetime> refuses (one to three at most).
    microseconds = re.compile(r"<time\b[^>]*datetime=\"[^\"]*(\|date:['\"]c['\"]|isoformat)")
    offenders = [p.name for p in template_files() if microseconds.search(p.read_text())]
    assert offenders == []


def test_no_generic_element_is_named_without_a_role():
    # A name on a <div> or <span> with no role is ignored by screen readers (and refused by
    # the Nu checker); give it a role (group, region) or name something else.
    generic = re.compile(r"<(div|span|p)\b(?![^>]*\brole=)[^>]*\baria-label(ledby)?=")
    offenders = [
        f"{p.name}: {m.group(0)}" for p in template_files() for m in generic.finditer(p.read_text())
    ]
    assert offenders == []


def test_field_help_text_stands_in_a_block():
    # Help text may hold a list (Django's password rules); a list inside <span> or <p> is
    # invalid HTML, so field help text is rendered in a <div>.
    inline = re.compile(r"<(span|p)\b[^>]*>\s*\{\{\s*field\.help_text")
    assert [p.name for p in template_files() if inline.search(p.read_text())] == []
