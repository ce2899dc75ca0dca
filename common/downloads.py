"""File downloads that leave only through views which have checked access."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def attachment_response(*, stream, filename: str, content_type: str) -> FileResponse | HttpResponse:
    """A download with a server-chosen name that browsers must not sniff or display inline.

    `stream` is an open file (streamed in blocks) or the whole content as bytes or text,
    which goes out in one piece: a briefing PDF is small, and block by block it would
    take one write per 4 KB.
    """
    if isinstance(stream, bytes | str):
        response = HttpResponse(stream, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(
            stream, as_attachment=True, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
