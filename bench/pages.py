"""The pages `make bench` measures. Edit this list to add a page.

Each page names who opens it and how to find its path in the seeded database; a
function that returns None (nothing to show in this database) makes the row "n/a".
Runs inside bench/probe.py, with Django set up on the benchmark database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse

DEMO_PARTICIPANT_EMAIL = "participant@demo.example"


@dataclass(frozen=True)
class Page:
    label: str
    role: str  # "participant", "staff", "admin" or "anonymous"
    path: Callable[[], str | None]


def convening_staff_page() -> str | None:
    """The staff page of the convening with the most invitations: the heaviest one to draw."""
    # Pages are listed at import; their paths are found in bench/probe.py, after django.setup().
    from convenings.models import Convening  # noqa: PLC0415  the app's modules load only after django.setup()

    convening = (
        Convening.objects.annotate(n=Count("invitations")).order_by("-n", "-start_date").first()
    )
    if convening is None:
        return None
    return reverse("convenings:staff-detail", kwargs={"pk": convening.pk})


def _open_convening():
    """The convening open for replies that the demo participant is invited to (RSVP day's)."""
    # Called from bench/probe.py and bench/rsvp.py, after django.setup().
    from convenings.models import Convening, ConveningStatus  # noqa: PLC0415  the app's modules load only after django.setup()

    return (
        Convening.objects.filter(
            status=ConveningStatus.OPEN,
            invitations__participant__user__email=DEMO_PARTICIPANT_EMAIL,
        )
        .order_by("-start_date")
        .first()
    )


def reply_page() -> str | None:
    """The demo participant's reply form for the open convening."""
    convening = _open_convening()
    return reverse("convenings:portal-reply", kwargs={"pk": convening.pk}) if convening else None


def replies_list() -> str | None:
    """The staff replies list of the open convening (the one people reply to on RSVP day)."""
    convening = _open_convening()
    return reverse("convenings:staff-replies", kwargs={"pk": convening.pk}) if convening else None


def portal_convening_page() -> str | None:
    """The demo participant's page of the open convening."""
    convening = _open_convening()
    return reverse("convenings:portal-detail", kwargs={"pk": convening.pk}) if convening else None


def briefing_download() -> str | None:
    """The PDF of the newest published briefing the demo participant may read, in English."""
    # Called from bench/probe.py, after django.setup().
    from briefings.selectors import briefings_for_participant  # noqa: PLC0415  the app's modules load only after django.setup()
    from participants.models import Participant  # noqa: PLC0415  the app's modules load only after django.setup()

    participant = Participant.objects.filter(user__email=DEMO_PARTICIPANT_EMAIL).first()
    if participant is None:
        return None
    briefing = briefings_for_participant(participant=participant).first()
    if briefing is None:
        return None
    return reverse("briefings:portal-pdf", kwargs={"pk": briefing.pk}) + "?language=en"


CONSTANT = Page("constant view (limit)", "anonymous", lambda: "/bench/constant/")

PAGES = [
    Page("participant home", "participant", lambda: reverse("convenings:portal-home")),
    Page("Briefings", "participant", lambda: reverse("briefings:portal-list")),
    Page("convening (staff)", "staff", convening_staff_page),
    Page("participant directory", "staff", lambda: reverse("participants:staff-directory")),
    Page("briefing download", "participant", briefing_download),
    Page("reply page", "participant", reply_page),
    Page("replies list", "staff", replies_list),
]
