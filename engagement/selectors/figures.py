"""Engagement's figures for a report period (see outcomes/reports/figures.py)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from common.figures import PeriodFigure
from convenings.selectors import held_between

from ..models import FeedbackResponse, FollowUpAction


def figures_for_period(*, start: dt.date, end: dt.date) -> list[PeriodFigure]:
    """Follow-up actions and feedback, dated by the convening they belong to.

    The convening's start date decides the period, not the day a row was typed in, so
    actions and feedback recorded after the period still count for the convening that
    produced them, and today's typing never changes a past report. Cancelled convenings
    are left out.
    - Follow-up actions agreed: every action recorded for those convenings, whatever its
      status now.
    - Feedback responses received: the anonymous feedback forms sent in for them.
    """
    held = held_between(start=start, end=end)
    actions = FollowUpAction.objects.filter(convening__in=held).count()
    responses = FeedbackResponse.objects.filter(convening__in=held).count()
    return [
        PeriodFigure(
            key="actions",
            label=_("Follow-up actions agreed"),
            value=actions,
            definition=_(
                "Actions recorded for the convenings held in the period, whatever their "
                "status now; the convening's start date decides the period."
            ),
        ),
        PeriodFigure(
            key="feedback",
            label=_("Feedback responses received"),
            value=responses,
            definition=_(
                "Anonymous feedback forms sent in for the convenings held in the period; "
                "the convening's start date decides the period."
            ),
        ),
    ]
