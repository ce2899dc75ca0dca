"""Short month names as each language writes them (platform_site/month_names.py)."""

import datetime as dt

import pytest
from django.utils import dateformat, translation


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "3 Mar 2027"), ("id", "3 Mar 2027"), ("ms", "3 Mac 2027"), ("th", "3 มี.ค. 2027")],
)
def test_march_in_short(language, expected):
    with translation.override(language):
        assert dateformat.format(dt.date(2027, 3, 3), "j M Y") == expected
