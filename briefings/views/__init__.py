"""Views of the briefings app: `staff` (secretariat) and `portal` (participants)."""

from __future__ import annotations

from common.downloads import attachment_response

__all__ = ["attachment_response"]
