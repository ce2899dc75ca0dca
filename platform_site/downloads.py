"""File downloads that leave only through views which have checked access."""

from __future__ import annotations

import io

from django.http import FileResponse


def attachment_response(*, stream, filename: str, content_type: str) -> FileResponse:
    """A download with a server-chosen name that browsers must not sniff or display inline."""
    if isinstance(stream, bytes):
        stream = io.BytesIO(stream)
    response = FileResponse(
        stream, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
