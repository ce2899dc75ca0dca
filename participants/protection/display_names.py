"""Display names that would pass for someone else: another person's real name or pseudonym."""

from __future__ import annotations

from typing import NamedTuple

from ..models import Participant
from .normalising import name_key


class NamesInUse(NamedTuple):
    """Keys (`name_key`) of the names taken: unpacks as (real, chosen)."""

    real: set[str]  # everyone's real name
    chosen: set[str]  # display names that are not the person's own real name


def names_in_use(*, exclude: int | None = None) -> NamesInUse:
    """The names of everyone else on the platform, case- and accent-insensitive
    (`name_key`). A chosen name is a display name that is not the person's own real name:
    a pseudonym, or a hidden person's display name."""
    real: set[str] = set()
    chosen: set[str] = set()
    rows = Participant.objects.values_list("pk", "full_name", "display_name")
    for pk, full_name, display_name in rows:
        if pk == exclude:
            continue
        full_key, display_key = name_key(full_name), name_key(display_name)
        real.add(full_key)
        if display_key and display_key != full_key:
            chosen.add(display_key)
    return NamesInUse(real=real, chosen=chosen)


def name_taken(*, display_name: str, full_name: str, in_use: NamesInUse) -> bool:
    """Whether this display name is someone else's real name or chosen name.

    A person shown under their own real name may share it with a namesake (two people
    called "Ahmad Ibrahim" exist), but not with someone's pseudonym; a chosen name may
    be nobody else's name of either kind."""
    real, chosen = in_use
    key = name_key(display_name)
    if not key:
        return False
    if key == name_key(full_name):
        return key in chosen
    return key in real or key in chosen
