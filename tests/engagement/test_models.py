"""What an action says about itself: overdue by the same rule the overdue list selects by."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from engagement.selectors import overdue_actions
from tests.engagement.factories import FollowUpActionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days", "status", "overdue"),
    [(-1, "open", True), (-1, "in_progress", True), (0, "open", False), (-1, "done", False)],
)
def test_an_action_is_overdue_exactly_when_the_overdue_list_holds_it(days, status, overdue):
    action = FollowUpActionFactory(
        status=status, due_date=timezone.localdate() + dt.timedelta(days=days)
    )
    assert action.is_overdue is overdue
    assert overdue_actions().filter(pk=action.pk).exists() is overdue
