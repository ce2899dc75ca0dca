"""The pages `make bench` measures. Edit this list to add a page.

Each page names who opens it and how to find its path in the seeded database; a
function that returns None (the app or its URL name is not there yet) makes the row
"n/a". Runs inside bench/probe.py, with Django set up on the benchmark database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Page:
    label: str
    role: str  # "participant", "staff", "admin" or "anonymous"
    path: Callable[[], str | None]


def _first_reverse(names: list[str], **kwargs) -> str | None:
    for name in names:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return None


def convening_staff_page() -> str | None:
    from convenings.models import Convening

    convening = Convening.objects.order_by("-start_date").first()
    if convening is None:
        return None
    return _first_reverse(
        ["convenings:staff-detail", "convenings:staff-convening", "convenings:staff-view"],
        pk=convening.pk,
    )


def briefing_download() -> str | None:
    try:
        from briefings import models as briefing_models
    except ImportError:
        return None
    model = getattr(briefing_models, "Briefing", None)
    if model is None:
        return None
    briefing = model.objects.order_by("pk").first()
    if briefing is None:
        return None
    return _first_reverse(
        ["briefings:portal-download", "briefings:download", "briefings:portal-file"],
        pk=briefing.pk,
    )


CONSTANT = Page("constant view (limit)", "anonymous", lambda: "/bench/constant/")

PAGES = [
    Page("participant home", "participant", lambda: _first_reverse(["convenings:portal-home"])),
    Page("Briefings", "participant", lambda: _first_reverse(["briefings:portal-list"])),
    Page("convening (staff)", "staff", convening_staff_page),
    Page(
        "participant directory", "staff", lambda: _first_reverse(["participants:staff-directory"])
    ),
    Page("briefing download", "participant", briefing_download),
]
