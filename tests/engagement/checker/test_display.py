"""Showing the checker's matches (engagement/checker/display.py): escaped, each one marked."""

import pytest

from engagement import checker
from tests.engagement.checker.notes import invite, notes

pytestmark = pytest.mark.django_db


def test_highlight_escapes_html_and_marks_every_match(convening):
    invite(convening, full_name="Siriporn Wongsawat")
    text = "<script>x</script> Siriporn & Wongsawat"
    note = notes(convening, key_points_en=text)
    html = checker.highlight(text, checker.check_notes(note))
    assert html == (
        "&lt;script&gt;x&lt;/script&gt; <mark>Siriporn</mark> &amp; <mark>Wongsawat</mark>"
    )
