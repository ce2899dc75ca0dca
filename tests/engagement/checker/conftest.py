"""The convening every checker test writes notes for: under the Chatham House Rule."""

import pytest

from tests.factories import ConveningFactory


@pytest.fixture
def convening():
    return ConveningFactory(chatham_house=True)
