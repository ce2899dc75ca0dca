"""Agenda sessions and site visits can be deleted into "Recently deleted"
(operations.trash); either change bumps the convening's calendar SEQUENCE."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.models import User
from operations.trash import Kind, register

from .services import bump_sequence


def _bump_calendar(obj, by: User) -> None:

    bump_sequence(obj.convening)


def _convening_year(obj) -> int:
    return obj.convening.start_date.year


def register_kinds() -> None:
    register(
        Kind(
            key="agenda_session",
            model_label="convenings.AgendaSession",
            label=gettext_lazy("Agenda session"),
            report_year=_convening_year,
            home=lambda s: reverse("convenings:staff-agenda", args=[s.convening_id]),
            after=_bump_calendar,
            select_related=("convening",),
            belongs_to="convening",
            purge_rank=4,
        ),
        Kind(
            key="site_visit",
            model_label="convenings.SiteVisit",
            label=gettext_lazy("Site visit"),
            report_year=_convening_year,
            home=lambda v: reverse("convenings:staff-site-visits", args=[v.convening_id]),
            after=_bump_calendar,
            select_related=("convening",),
            belongs_to="convening",
            purge_rank=3,
        ),
    )
