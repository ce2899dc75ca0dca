"""Cross-app views: the health check, the start page that sends each role home, and the
error pages Django does not map to their own status (a body too large)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.permissions import is_staff_member, participant_for
from operations.health import HEALTH_KEYS, health_report
from operations.services import raise_alerts
from platform_site.celery import app

logger = logging.getLogger(__name__)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means "down" to an operator
        return "down"
    return "ok"


def _broker_state() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        return "down"
    return "ok"


def _cache_state() -> str:
    """ "ok" or "unavailable" for the shared cache (Redis); "local" for a per-process cache."""

    available = getattr(cache, "available", None)
    if available is None:
        return "local"
    return "ok" if available() else "unavailable"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """503 when the database or broker is down (the container is unhealthy); 200 with
    status "warning" when background work is stuck (the web itself serves, but admins are
    e-mailed once, see operations/services.py) or when the shared cache is unavailable (the
    site serves, but rate limits and used sign-in codes hold per process only, see
    platform_site/cache.py)."""
    state = {"database": _database_state(), "broker": _broker_state(), "cache": _cache_state()}
    healthy = state["database"] == "ok" and state["broker"] in ("ok", "eager")
    warned = False
    if state["database"] == "ok":
        try:
            report = health_report(ask_broker=state["broker"] == "ok")
            state.update(report.as_json())
            raise_alerts(problems=report.problems, resolves=HEALTH_KEYS)
            warned = bool(report.problems)
        except DatabaseError:  # not migrated yet: the database itself answers
            logger.exception("background work state not read")
            state["warnings"] = ["background-state-unknown"]
            warned = True
    if state["cache"] == "unavailable":
        state.setdefault("warnings", []).append("cache-unavailable")
        warned = True
    state["status"] = "degraded" if not healthy else "warning" if warned else "ok"
    return JsonResponse(state, status=200 if healthy else 503)


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if is_staff_member(request.user):
        return redirect("convenings:staff-dashboard")
    if participant_for(request.user) is not None:
        return redirect("convenings:portal-home")
    # A signed-in account with no role yet: nothing to show but the account pages.
    return redirect("account_email")


def request_too_large(request: HttpRequest, *, limit: int | None = None) -> HttpResponse:
    """413 with a page that says what happened; `limit` is the size allowed, when known."""
    return render(request, "413.html", {"limit": limit}, status=413)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400. Django turns RequestDataTooBig (form fields over
    DATA_UPLOAD_MAX_MEMORY_SIZE) into a 400; the person deserves to know it was the size."""
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request)
    # Any other malformed request (too many fields, a damaged upload): Django's own page is
    # bare English, so render ours, in the person's language.
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: usually a form left open past a sign-in, sign-out or session
    end; the person needs to reload, not Django's English technical page."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return render(request, "403_csrf.html", status=403)
