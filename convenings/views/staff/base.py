"""What the staff pages about one convening share: the tabs, the venue's zone, the 404."""

from __future__ import annotations

from django.utils import timezone

from ... import selectors
from ...models import Convening


def tabs(convening: Convening, current: str) -> dict:
    return {"convening": convening, "tab": current}


def in_venue_zone(convening: Convening) -> Convening:
    """A page about one convening reads and prints times in the venue's zone (the
    middleware puts the reader's own zone back after the request)."""
    timezone.activate(convening.zone)
    return convening


def convening_or_404(pk: int) -> Convening:
    return in_venue_zone(selectors.convening_with_counts_or_404(convening_id=pk))
