"""What attribution finds: a passage that points at one person."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Found:
    start: int  # offsets into the normalised text
    end: int
    participant_id: int
    label: str
    kind: str  # "speaker" or "description"
