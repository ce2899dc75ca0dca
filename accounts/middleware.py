"""Request-wide rules: security headers, the user's language, idle timeout, staff MFA."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation

from common.zones import get_zone

from .adapters import UndecryptableSecretError
from .mfa_forms import MFA_UNREADABLE
from .permissions import has_two_factor, is_staff_member, participant_for

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """A strict CSP (no inline script or style) and no caching of signed-in pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Pages for signed-in people carry personal data: never keep them in a cache.
            response.headers["Cache-Control"] = "no-store, private"
        return response


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the cookie and the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            language = user.language
            participant = participant_for(user)
            if participant is not None and participant.preferred_language:
                language = participant.preferred_language
            if language in dict(settings.LANGUAGES):
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


def viewer_zone_name(user) -> str:
    """The IANA zone a signed-in person reads times in: their participant record's, else
    their account's, else the platform's default."""
    participant = participant_for(user)
    if participant is not None and participant.time_zone:
        return participant.time_zone
    return getattr(user, "time_zone", "") or settings.TIME_ZONE


class UserTimezoneMiddleware:
    """The reader's own zone is active for the request (`request.viewer_zone`); a page about
    one convening activates the venue's zone instead (convenings.views, as pretalx does for
    an event), so its forms read and its templates print venue time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        name = viewer_zone_name(user) if user.is_authenticated else settings.TIME_ZONE
        request.viewer_zone = name
        timezone.activate(get_zone(name))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class IdleTimeoutMiddleware:
    """Sign out a session that has been idle longer than SESSION_IDLE_TIMEOUT."""

    KEY = "_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(self.KEY)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                return redirect(f"{reverse('account_login')}?next={request.path}")
            # Write at most once a minute so every request does not rewrite the session.
            if last_seen is None or now - last_seen > 60:
                request.session[self.KEY] = now
        return self.get_response(request)


class RequireStaffMFAMiddleware:
    """Staff and admins without TOTP are sent to set it up before anything else."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_STAFF_MFA
            and request.user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and is_staff_member(request.user)
            and not has_two_factor(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class UnreadableMFASecretMiddleware:
    """Any other page that meets an undecryptable TOTP secret (recovery codes, say) answers
    the same clear message as the sign-in form, not a server error. The adapter logs it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UndecryptableSecretError):
            return render(request, "account/mfa_unreadable.html", {"message": MFA_UNREADABLE})
        return None
