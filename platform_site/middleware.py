"""Request-wide plumbing: refuse request bodies over the limit before reading them."""

from __future__ import annotations

from django.conf import settings

from .views import request_too_large


def content_length(request) -> int:
    """The declared body size; a missing or bad value counts as none (Django reads none)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class RequestBodyLimitMiddleware:
    """Answer 413 to a body over the limit from its Content-Length, without reading it.

    Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) count form fields only, not files,
    and only once something reads the body, so without this an anonymous 60 MiB upload
    is read in full. Signed-in users may send files; everyone else gets the small limit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = content_length(request)
        if length > settings.ANONYMOUS_REQUEST_BODY_MAX_BYTES:
            # Only a large body costs a look at the session.
            limit = (
                settings.REQUEST_BODY_MAX_BYTES
                if request.user.is_authenticated
                else settings.ANONYMOUS_REQUEST_BODY_MAX_BYTES
            )
            if length > limit:
                return request_too_large(request, limit=limit)
        return self.get_response(request)
